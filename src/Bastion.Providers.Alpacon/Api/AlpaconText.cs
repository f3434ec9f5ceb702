namespace Bastion.Providers.Alpacon.Api;

/// <summary>Parameter descriptions the Alpacon tools share.</summary>
internal static class AlpaconText
{
    public const string Host = "Bastion host name of an Alpacon server (hosts_list shows them with the label backend=alpacon).";

    public const string OptionalHost = "Only this Alpacon server (its Bastion host name); omit for the whole workspace.";

    public const string Workspace = "Alpacon workspace name; omit when only one is configured (or when host names a server, whose workspace is used).";

    public const string Limit = "Most items returned (1-1000); the answer says when more exist.";

    public const string Items = "Alpacon's own objects, unchanged (field names as Alpacon sends them).";
}
