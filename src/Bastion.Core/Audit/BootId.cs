namespace Bastion.Core.Audit;

/// <summary>
/// The kernel's id of the current boot (<c>/proc/sys/kernel/random/boot_id</c>, a UUID that changes at every start of
/// the machine), or null where there is none. <c>audit.head</c> records it: a head is written without fsync for each
/// commit, so only a restart of the machine (a power loss, a kernel crash) can leave it behind the log by more than one
/// commit, and a head from the current boot that lags is not Bastion's doing.
/// </summary>
internal static class BootId
{
    private static readonly Lazy<string?> _current = new(Read);

    /// <summary>The current boot's id (lowercase UUID), or null when the kernel does not expose one.</summary>
    public static string? Current => _current.Value;

    private static string? Read()
    {
        try
        {
            var text = File.ReadAllText("/proc/sys/kernel/random/boot_id").Trim();
            return Guid.TryParse(text, out var id) ? id.ToString("D") : null;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or NotSupportedException)
        {
            return null;
        }
    }
}
