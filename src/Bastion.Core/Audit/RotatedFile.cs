namespace Bastion.Core.Audit;

/// <summary>A rotated audit file (plain <c>.jsonl</c> or compressed <c>.jsonl.gz</c>): its path, its name, the seq of its last entry and when it was rotated (both from its name).</summary>
internal sealed record RotatedFile(string Path, string Name, long LastSeq, DateTimeOffset Rotated)
{
    /// <summary>Whether the file is gzip-compressed (<c>.jsonl.gz</c>).</summary>
    public bool Compressed => AuditFiles.IsCompressed(Path);
}
