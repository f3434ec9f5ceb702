namespace Bastion.Core.Logs;

/// <summary>What the logs tools may read.</summary>
public sealed class LogsOptions
{
    /// <summary>Directories whose files (after symlinks are resolved on the host) may be read. Default: <c>/var/log</c>.</summary>
    public IReadOnlyList<string> AllowedRoots { get; init; } = ["/var/log"];
}
