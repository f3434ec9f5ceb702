using System.ComponentModel;

namespace Bastion.Core.Metrics;

/// <summary>Space and inodes of one mounted file system, from <c>df -P -k</c>, <c>df -P -i</c> and <c>/proc/mounts</c>.</summary>
public sealed record DiskUsage(
    [property: Description("Mount point, e.g. /, /var.")] string MountPoint,
    [property: Description("Device or source, e.g. /dev/vda1.")] string Filesystem,
    [property: Description("File system type, e.g. ext4, xfs, tmpfs; null when unknown.")] string? FsType,
    [property: Description("Size, bytes.")] long TotalBytes,
    [property: Description("Used, bytes.")] long UsedBytes,
    [property: Description("Available to unprivileged users, bytes (excludes reserved blocks).")] long AvailableBytes,
    [property: Description("Percent 0-100 used, as df computes it: used / (used + available).")] double UsedPercent,
    [property: Description("Inodes in total; null when the file system does not report inodes.")] long? InodesTotal,
    [property: Description("Inodes used; null when not reported.")] long? InodesUsed,
    [property: Description("Percent 0-100 of inodes used; null when not reported.")] double? InodesUsedPercent);
