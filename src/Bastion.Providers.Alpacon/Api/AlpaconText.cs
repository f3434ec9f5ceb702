namespace Bastion.Providers.Alpacon.Api;

/// <summary>Parameter descriptions the Alpacon tools share.</summary>
internal static class AlpaconText
{
    public const string Host = "Alpacon server's host name.";

    public const string Workspace = "Default: the only one.";

    public const string Limit = "Most items returned.";

    public const string Items = "Alpacon's own objects, unchanged (field names as Alpacon sends them).";
}
