namespace Bastion.Providers.Alpacon.Api;

/// <summary>Parameter descriptions the Alpacon tools share.</summary>
internal static class AlpaconText
{
    public const string Host = "Bastion host name of an Alpacon server (hosts_list, backend=alpacon).";

    public const string OptionalHost = "Only this server (Bastion host name); omit for the workspace.";

    public const string Workspace = "Alpacon workspace; omit when only one is configured or host is given.";

    public const string Limit = "Most items returned.";

    public const string Items = "Alpacon's own objects, unchanged (field names as Alpacon sends them).";
}
