using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using Bastion.Core.Configuration;

namespace Bastion.Core.Audit;

/// <summary>The files of an audit directory: the active file, rotated files, the head and quarantined partial lines.</summary>
internal static partial class AuditFiles
{
    public const string ActiveName = "audit.jsonl";
    public const string HeadName = "audit.head";
    public const string LockName = "audit.lock";

    /// <summary>
    /// The length of <c>audit.head</c> as the writer keeps it: its JSON padded with spaces to one 512-byte sector, so
    /// that the per-commit overwrite in place never changes the file's length and a power loss leaves the old or the
    /// new head, not a torn one.
    /// </summary>
    public const int HeadFileBytes = 512;

    public const UnixFileMode PrivateFile = UnixFileMode.UserRead | UnixFileMode.UserWrite;

    /// <summary><c>audit-&lt;UTC yyyyMMddTHHmmssZ&gt;-&lt;seq of its last entry&gt;.jsonl</c>.</summary>
    public static string RotatedName(DateTimeOffset time, long lastSeq) =>
        $"audit-{time.UtcDateTime.ToString("yyyyMMdd'T'HHmmss'Z'", CultureInfo.InvariantCulture)}-{lastSeq}.jsonl";

    /// <summary><c>audit-quarantine-&lt;UTC time&gt;-after-&lt;seq&gt;.partial</c>: bytes of an interrupted write.</summary>
    public static string QuarantineName(DateTimeOffset time, long afterSeq) =>
        $"audit-quarantine-{time.UtcDateTime.ToString("yyyyMMdd'T'HHmmssfff'Z'", CultureInfo.InvariantCulture)}-after-{afterSeq}.partial";

    /// <summary>
    /// <c>audit.archive</c>: the archive directory's full path, written by the writer (temporary file, fsync, rename)
    /// before it first moves a file there, so that every reader finds the moved files without being told.
    /// </summary>
    public const string ArchivePointerName = "audit.archive";

    /// <summary>
    /// The rotated files of <paramref name="directory"/> and of its archive directory (named in <c>audit.archive</c>),
    /// oldest first (by the seq in their names). A file found in both (a move interrupted between the copy and the
    /// removal) counts once, as the one in <paramref name="directory"/>.
    /// </summary>
    public static IReadOnlyList<RotatedFile> ListRotated(string directory)
    {
        var local = ListRotatedIn(directory);
        if (ReadArchivePointer(directory) is not { } archive || !Directory.Exists(archive))
        {
            return local;
        }

        var names = local.Select(f => BaseName(f.Name)).ToHashSet(StringComparer.Ordinal);
        return [.. local.Concat(ListRotatedIn(archive).Where(f => !names.Contains(BaseName(f.Name))))
            .OrderBy(f => f.LastSeq).ThenBy(f => f.Name, StringComparer.Ordinal)];
    }

    /// <summary>The archive directory named in <c>audit.archive</c> of <paramref name="directory"/>, or null.</summary>
    public static string? ReadArchivePointer(string directory)
    {
        var path = Path.Combine(directory, ArchivePointerName);
        return File.Exists(path) && File.ReadAllText(path).Trim() is { Length: > 0 } archive && Path.IsPathFullyQualified(archive) ? archive : null;
    }

    /// <summary>
    /// Moves the closed rotated file <paramref name="file"/> into <paramref name="archive"/>, crash-safe across file
    /// systems: copied to a temporary file there, fsynced, renamed into place, the directory fsynced, and only then the
    /// original removed. A crash leaves the original (read in its place; the move is redone) or both (the original
    /// counts, see <see cref="ListRotated"/>). Returns the archived path.
    /// </summary>
    public static Task<string> ArchiveAsync(RotatedFile file, string archive, CancellationToken cancellationToken) =>
        ReplaceAsync(file, Path.Combine(archive, file.Name), (source, output, ct) => source.CopyToAsync(output, ct), cancellationToken);

    /// <summary>
    /// Writes <paramref name="file"/> through <paramref name="copy"/> to a temporary file beside <paramref name="target"/>,
    /// fsyncs it, renames it into place, fsyncs the directory, and only then deletes the original: a crash leaves the
    /// original, or both.
    /// </summary>
    private static async Task<string> ReplaceAsync(RotatedFile file, string target, Func<Stream, Stream, CancellationToken, Task> copy, CancellationToken cancellationToken)
    {
        var temporary = target + ".tmp";
        await using (var source = new FileStream(file.Path, FileMode.Open, FileAccess.Read, FileShare.Read, 64 * 1024, useAsync: true))
        {
            await using var output = new FileStream(temporary, new FileStreamOptions
            {
                Mode = FileMode.Create,
                Access = FileAccess.Write,
                UnixCreateMode = PrivateFile,
                BufferSize = 64 * 1024,
            });
            await copy(source, output, cancellationToken);
            output.Flush(flushToDisk: true);
        }

        File.Move(temporary, target, overwrite: true);
        SyncDirectory(Path.GetDirectoryName(target)!);
        File.Delete(file.Path);
        return target;
    }

    private static void SyncDirectory(string directory)
    {
        try
        {
            using var handle = File.OpenHandle(directory, FileMode.Open, FileAccess.Read);
            RandomAccess.FlushToDisk(handle);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // Some file systems do not fsync directories; the rename is still atomic.
        }
    }

    private static string BaseName(string name) => IsCompressed(name) ? name[..^3] : name;

    private static IReadOnlyList<RotatedFile> ListRotatedIn(string directory)
    {
        if (!Directory.Exists(directory))
        {
            return [];
        }

        var files = new List<RotatedFile>();
        foreach (var path in Directory.EnumerateFiles(directory, "audit-*.jsonl*"))
        {
            var name = Path.GetFileName(path);
            var match = RotatedPattern().Match(name);
            if (match.Success && long.TryParse(match.Groups[2].ValueSpan, NumberStyles.None, CultureInfo.InvariantCulture, out var lastSeq)
                && DateTimeOffset.TryParseExact(match.Groups[1].Value, "yyyyMMdd'T'HHmmss'Z'", CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var rotated))
            {
                files.Add(new RotatedFile(path, name, lastSeq, rotated));
            }
        }

        // A file compressed by a writer that crashed before it deleted the plain one: the plain one counts (its
        // compression is redone); the pair is one file of the chain.
        var plain = files.Where(f => !f.Compressed).Select(f => f.Name).ToHashSet(StringComparer.Ordinal);
        files.RemoveAll(f => f.Compressed && plain.Contains(f.Name[..^3]));
        return [.. files.OrderBy(f => f.LastSeq).ThenBy(f => f.Name, StringComparer.Ordinal)];
    }

    /// <summary>The head, or null when the file does not exist.</summary>
    /// <exception cref="FormatException">The head is not a head.</exception>
    public static AuditHead? ReadHead(string directory)
    {
        var path = Path.Combine(directory, HeadName);
        if (!File.Exists(path))
        {
            return Directory.Exists(path) ? throw new FormatException($"{HeadName} is a directory, not a head.") : null;
        }

        try
        {
            using var document = JsonDocument.Parse(File.ReadAllBytes(path));
            var root = document.RootElement;
            if (root.ValueKind == JsonValueKind.Object
                && root.TryGetProperty("seq", out var seq) && seq.ValueKind == JsonValueKind.Number && seq.TryGetInt64(out var s) && s >= 0
                && root.TryGetProperty("hash", out var hash) && hash.ValueKind == JsonValueKind.String && AuditFormat.IsHex(hash.GetString()!))
            {
                var key = root.TryGetProperty("key", out var k) && k.ValueKind == JsonValueKind.String ? k.GetString() : null;
                var mac = root.TryGetProperty("mac", out var m) && m.ValueKind == JsonValueKind.String && AuditFormat.IsHex(m.GetString()!) ? m.GetString() : null;
                var boot = root.TryGetProperty("boot", out var b) && b.ValueKind == JsonValueKind.String && Guid.TryParse(b.GetString(), out _) ? b.GetString() : null;
                if ((key is null) == (mac is null) && (boot is null || key is not null) && (boot is not null || !root.TryGetProperty("boot", out _)))
                {
                    return new AuditHead(s, hash.GetString()!, key, mac, boot);
                }
            }
        }
        catch (JsonException)
        {
        }

        throw new FormatException($"{HeadName} is not valid: it should hold {{\"seq\":N,\"hash\":\"<64 hex>\",\"key\":\"<key id>\",\"mac\":\"<64 hex>\"}}.");
    }

    /// <summary>
    /// Replaces the head atomically (temporary file, fsync, rename) with <see cref="HeadText"/>: used when the log is
    /// created or opened; each commit then overwrites it in place (<see cref="OverwriteHead"/>).
    /// </summary>
    public static Task WriteHeadAsync(string directory, long seq, string hash, AuditKey key, string? boot) =>
        AtomicFile.WriteAllTextAsync(
            Path.Combine(directory, HeadName),
            HeadText(seq, hash, key, boot),
            new AtomicWriteOptions { Mode = PrivateFile },
            CancellationToken.None);

    /// <summary>
    /// The head's content: <c>{"seq":N,"hash":"…","key":"…","boot":"…","mac":"…"}</c> padded with spaces to
    /// <see cref="HeadFileBytes"/> bytes, the last a newline. <paramref name="boot"/> null leaves out <c>boot</c> (v1 MAC).
    /// </summary>
    public static string HeadText(long seq, string hash, AuditKey key, string? boot)
    {
        var json = string.Create(CultureInfo.InvariantCulture,
            $"{{\"seq\":{seq},\"hash\":\"{hash}\",\"key\":\"{key.Id}\"{(boot is null ? "" : $",\"boot\":\"{boot}\"")},\"mac\":\"{key.HeadMac(seq, hash, boot)}\"}}");
        return json.PadRight(HeadFileBytes - 1) + "\n";
    }

    /// <summary>
    /// Overwrites <c>audit.head</c> in place (opened by its path, so a head deleted or turned into a directory is
    /// noticed), without fsync unless <paramref name="durable"/>: the new head is what every reader on this machine sees
    /// from the moment this returns; only a restart of the machine can lose it (see <see cref="BootId"/>).
    /// </summary>
    /// <exception cref="IOException">The head is gone, is not a file, or cannot be written.</exception>
    public static void OverwriteHead(string directory, long seq, string hash, AuditKey key, string? boot, bool durable)
    {
        using var head = File.OpenHandle(Path.Combine(directory, HeadName), FileMode.Open, FileAccess.Write, FileShare.ReadWrite | FileShare.Delete);
        RandomAccess.Write(head, System.Text.Encoding.ASCII.GetBytes(HeadText(seq, hash, key, boot)), 0);
        if (durable)
        {
            RandomAccess.FlushToDisk(head);
        }
    }

    /// <summary>
    /// The last complete line of a file (without its newline), the length up to and including that line's newline,
    /// and the file's length. Bytes after the last newline are a partial line.
    /// </summary>
    public static async Task<FileTail> ReadTailAsync(string path, CancellationToken cancellationToken)
    {
        if (IsCompressed(path))
        {
            // A compressed file is read through: its last line is found by decompressing it.
            await using var stream = OpenLog(path);
            FileLine? lastComplete = null;
            FileLine? partialLine = null;
            long complete = 0;
            await foreach (var read in ReadLinesAsync(stream, long.MaxValue, cancellationToken))
            {
                if (read.Terminated)
                {
                    lastComplete = read;
                    complete += read.Bytes.Length + 1;
                }
                else
                {
                    partialLine = read;
                }
            }

            return new FileTail(lastComplete?.Bytes, complete, complete + (partialLine?.Bytes.Length ?? 0));
        }

        using var handle = File.OpenHandle(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
        var length = RandomAccess.GetLength(handle);
        var lastNewline = await FindLastNewlineAsync(handle, length, cancellationToken);
        if (lastNewline < 0)
        {
            return new FileTail(null, 0, length);
        }

        var start = await FindLastNewlineAsync(handle, lastNewline, cancellationToken) + 1;
        var line = new byte[lastNewline - start];
        await ReadExactlyAsync(handle, line, start, cancellationToken);
        return new FileTail(line, lastNewline + 1, length);
    }

    /// <summary>Whether <paramref name="path"/> names a gzip-compressed log file (<c>.jsonl.gz</c>).</summary>
    public static bool IsCompressed(string path) => path.EndsWith(".gz", StringComparison.Ordinal);

    /// <summary>
    /// Opens a log file for reading, decompressing a <c>.jsonl.gz</c> on the fly, so that every reader (verify, search,
    /// tail, recovery, pruning) reads plain and compressed files alike.
    /// </summary>
    public static Stream OpenLog(string path)
    {
        var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete, bufferSize: IsCompressed(path) ? 64 * 1024 : 1);
        return IsCompressed(path) ? new System.IO.Compression.GZipStream(file, System.IO.Compression.CompressionMode.Decompress) : file;
    }

    /// <summary>
    /// Compresses the rotated file <paramref name="file"/> to <c>&lt;name&gt;.gz</c> (gzip, readable by <c>zcat</c>):
    /// written to a temporary file, fsynced, renamed into place, and only then the plain file deleted. Returns the
    /// compressed file's path.
    /// </summary>
    public static Task<string> CompressAsync(RotatedFile file, CancellationToken cancellationToken) =>
        ReplaceAsync(file, file.Path + ".gz", GzipAsync, cancellationToken);

    private static async Task GzipAsync(Stream source, Stream output, CancellationToken cancellationToken)
    {
        await using var gzip = new System.IO.Compression.GZipStream(output, System.IO.Compression.CompressionLevel.Optimal, leaveOpen: true);
        await source.CopyToAsync(gzip, cancellationToken);
    }

    /// <summary>
    /// The lines of <paramref name="stream"/> up to <paramref name="limit"/> bytes, numbered from 1, without their
    /// newlines. The last one is not <see cref="FileLine.Terminated"/> when the file does not end with a newline.
    /// </summary>
    public static async IAsyncEnumerable<FileLine> ReadLinesAsync(Stream stream, long limit, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var buffer = new byte[64 * 1024];
        var pending = new MemoryStream();
        long number = 0;
        long remaining = limit;
        while (remaining > 0)
        {
            var read = await stream.ReadAsync(buffer.AsMemory(0, (int)Math.Min(buffer.Length, remaining)), cancellationToken);
            if (read == 0)
            {
                break;
            }

            remaining -= read;
            var start = 0;
            while (start < read)
            {
                var newline = Array.IndexOf(buffer, (byte)'\n', start, read - start);
                if (newline < 0)
                {
                    pending.Write(buffer, start, read - start);
                    break;
                }

                byte[] line;
                if (pending.Length > 0)
                {
                    pending.Write(buffer, start, newline - start);
                    line = pending.ToArray();
                    pending.SetLength(0);
                }
                else
                {
                    line = buffer[start..newline];
                }

                yield return new FileLine(++number, line, Terminated: true);
                start = newline + 1;
            }
        }

        if (pending.Length > 0)
        {
            yield return new FileLine(++number, pending.ToArray(), Terminated: false);
        }
    }

    private static async Task<long> FindLastNewlineAsync(Microsoft.Win32.SafeHandles.SafeFileHandle handle, long before, CancellationToken cancellationToken)
    {
        var buffer = new byte[64 * 1024];
        var end = before;
        while (end > 0)
        {
            var size = (int)Math.Min(buffer.Length, end);
            var start = end - size;
            await ReadExactlyAsync(handle, buffer.AsMemory(0, size), start, cancellationToken);
            var index = buffer.AsSpan(0, size).LastIndexOf((byte)'\n');
            if (index >= 0)
            {
                return start + index;
            }

            end = start;
        }

        return -1;
    }

    private static async Task ReadExactlyAsync(Microsoft.Win32.SafeHandles.SafeFileHandle handle, Memory<byte> buffer, long offset, CancellationToken cancellationToken)
    {
        while (!buffer.IsEmpty)
        {
            var read = await RandomAccess.ReadAsync(handle, buffer, offset, cancellationToken);
            if (read == 0)
            {
                throw new IOException("The file became shorter while it was read.");
            }

            buffer = buffer[read..];
            offset += read;
        }
    }

    [GeneratedRegex(@"^audit-(\d{8}T\d{6}Z)-(\d{1,18})\.jsonl(?:\.gz)?$")]
    private static partial Regex RotatedPattern();
}
