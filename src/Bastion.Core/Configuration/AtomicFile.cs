namespace Bastion.Core.Configuration;

/// <summary>Writes files so that readers see the old content or the new, never half of either.</summary>
public static class AtomicFile
{
    private const UnixFileMode Private = UnixFileMode.UserRead | UnixFileMode.UserWrite;

    /// <summary>
    /// Writes <paramref name="content"/> to a temporary file beside <paramref name="path"/>, flushes it to disk and
    /// renames it over <paramref name="path"/>. The file's mode is 0600 unless the existing file had another.
    /// </summary>
    public static Task WriteAllTextAsync(string path, string content, CancellationToken cancellationToken) =>
        WriteAllTextAsync(path, content, new AtomicWriteOptions(), cancellationToken);

    /// <summary>
    /// Writes <paramref name="content"/> to a temporary file beside <paramref name="path"/>
    /// (<c>.NAME.&lt;random&gt;.tmp</c>), flushes it to disk, optionally keeps the current file as a backup, and renames
    /// the temporary file over <paramref name="path"/>. The temporary file is removed if anything fails; a process
    /// killed half-way may leave one behind, which never replaces <paramref name="path"/>.
    /// </summary>
    public static async Task WriteAllTextAsync(string path, string content, AtomicWriteOptions options, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(path);
        ArgumentNullException.ThrowIfNull(content);
        ArgumentNullException.ThrowIfNull(options);
        var full = Path.GetFullPath(path);
        Directory.CreateDirectory(Path.GetDirectoryName(full)!);
        var temp = TemporaryPath(full);
        var mode = options.Mode ?? (File.Exists(full) ? File.GetUnixFileMode(full) : Private);
        try
        {
            await using (var stream = new FileStream(temp, new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write, UnixCreateMode = mode }))
            await using (var writer = new StreamWriter(stream))
            {
                await writer.WriteAsync(content.AsMemory(), cancellationToken);
                await writer.FlushAsync(cancellationToken);
                stream.Flush(flushToDisk: true);
            }

            if (options.BackupPath is { } backup && File.Exists(full))
            {
                await CopyAsync(full, Path.GetFullPath(backup), mode, cancellationToken);
            }

            if (options.BeforeRename is { } hook)
            {
                await hook(temp, cancellationToken);
            }

            File.Move(temp, full, overwrite: true);
        }
        finally
        {
            File.Delete(temp);
        }
    }

    /// <summary>The name of a temporary file for <paramref name="path"/>: hidden, beside it, unique.</summary>
    private static string TemporaryPath(string path) =>
        Path.Combine(Path.GetDirectoryName(path)!, $".{Path.GetFileName(path)}.{Guid.NewGuid():N}.tmp");

    /// <summary>Copies <paramref name="source"/> to <paramref name="destination"/> through a flushed temporary file and a rename.</summary>
    private static async Task CopyAsync(string source, string destination, UnixFileMode mode, CancellationToken cancellationToken)
    {
        var temp = TemporaryPath(destination);
        try
        {
            await using (var input = new FileStream(source, FileMode.Open, FileAccess.Read))
            await using (var output = new FileStream(temp, new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write, UnixCreateMode = mode }))
            {
                await input.CopyToAsync(output, cancellationToken);
                output.Flush(flushToDisk: true);
            }

            File.Move(temp, destination, overwrite: true);
        }
        finally
        {
            File.Delete(temp);
        }
    }
}
