namespace Bastion.Core.Audit;

/// <summary>A rotated audit file: its path, its name, the seq of its last entry and when it was rotated (both from its name).</summary>
internal sealed record RotatedFile(string Path, string Name, long LastSeq, DateTimeOffset Rotated);
