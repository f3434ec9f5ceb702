namespace Bastion.Core.History;

/// <summary>Usage of one real file system at a tick, from <c>df -P -k</c> and <c>df -P -i</c>.</summary>
/// <param name="MountPoint">Where it is mounted.</param>
/// <param name="SizeBytes">Size, bytes.</param>
/// <param name="UsedBytes">Used, bytes.</param>
/// <param name="UsedPercent">Percent 0-100 used, as df computes it: used / (used + available).</param>
/// <param name="InodesUsedPercent">Percent 0-100 of inodes used; null when the file system reports none.</param>
public sealed record FileSystemReading(string MountPoint, long SizeBytes, long UsedBytes, double UsedPercent, double? InodesUsedPercent);
