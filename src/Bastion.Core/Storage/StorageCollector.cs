using Bastion.Core.Execution;
using Bastion.Core.Linux;

namespace Bastion.Core.Storage;

/// <summary>Reads block devices with <c>lsblk</c>, or <c>/proc/partitions</c> where lsblk is missing.</summary>
public static class StorageCollector
{
    private static readonly string Script = new ScriptSections()
        .Add("lsblk", $"lsblk {BlockDevice.LsblkArguments}")
        .Add("partitions", "command -v lsblk >/dev/null || cat /proc/partitions")
        .ToString();

    /// <summary>Block devices, disks followed by their children.</summary>
    /// <exception cref="BastionException">Neither lsblk nor /proc/partitions can be read.</exception>
    public static async Task<BlockDeviceList> CollectAsync(IHostRunner runner, int limit, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(runner);
        var facts = await runner.ReadFactsAsync(Script, cancellationToken);
        var (source, devices) = facts.TryParse("lsblk", "lsblk", BlockDevice.ParseLsblk) is { } lsblk
            ? ("lsblk", lsblk)
            : ("/proc/partitions", facts.Parse("partitions", "lsblk or /proc/partitions", BlockDevice.ParseProcPartitions));
        var (items, total, truncated) = Limits.Take(devices, limit);
        return new BlockDeviceList(runner.HostName, source, total, items, truncated);
    }
}
