namespace Bastion.Core.Audit;

/// <summary>A rotated audit file: its path, its name, and the seq of its last entry (from its name).</summary>
internal sealed record RotatedFile(string Path, string Name, long LastSeq);
