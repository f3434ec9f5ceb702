namespace Bastion.Providers.Alpacon.Hosts;

/// <summary>The labels an Alpacon server carries as a Bastion host.</summary>
internal static class AlpaconLabels
{
    /// <summary>The <c>backend</c> label's value, and the name of the host source.</summary>
    public const string Backend = "alpacon";

    /// <summary>The group every Alpacon server is in (<c>@alpacon</c>), for targets and command-policy rules.</summary>
    public const string Group = "alpacon";

    public const string BackendKey = "backend";
    public const string WorkspaceKey = "workspace";
    public const string ServerIdKey = "alpacon_id";
    public const string OsKey = "os";
    public const string OsVersionKey = "os_version";
    public const string ConnectedKey = "connected";
    public const string RegionKey = "region";
}
