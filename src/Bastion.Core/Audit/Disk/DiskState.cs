namespace Bastion.Core.Audit.Disk;

/// <summary>
/// One reading of the audit log's file system (<c>statvfs</c> through <see cref="DriveInfo"/>): its
/// <paramref name="Level"/>, <paramref name="FreeBytes"/> available to Bastion's user, <paramref name="TotalBytes"/> of
/// the file system, and <paramref name="Reason"/> (null at <see cref="DiskLevel.Ok"/>): a sentence saying which
/// watermark was crossed, with both figures.
/// </summary>
public sealed record DiskState(DiskLevel Level, long FreeBytes, long TotalBytes, string? Reason);
