namespace Bastion.Core.Configuration;

/// <summary>How <see cref="AtomicFile"/> writes one file.</summary>
public sealed class AtomicWriteOptions
{
    /// <summary>The new file's mode; null keeps the existing file's mode, or 0600 for a new file.</summary>
    public UnixFileMode? Mode { get; init; }

    /// <summary>
    /// When set and the file exists, its current content is first copied here (itself atomically, with the new file's
    /// mode), so the previous version survives the replacement.
    /// </summary>
    public string? BackupPath { get; init; }

    /// <summary>
    /// Called with the temporary file's path once it is complete and flushed to disk, just before it is renamed over the
    /// target. For tests that interrupt a write at its most delicate moment; an exception thrown here aborts the write.
    /// </summary>
    public Func<string, CancellationToken, Task>? BeforeRename { get; init; }
}
