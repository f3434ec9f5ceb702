using System.Globalization;
using System.Text;
using Bastion.Core.Execution;
using Bastion.Core.Policy;

namespace Bastion.Core.Files;

/// <summary>
/// Lists directories and reads text files on a host, through its runner. Every path is resolved on the host and checked
/// against the secret-path catalogue (and, for reads, the file's content against private-key markers) by
/// <see cref="PathGuard"/>'s prelude, in the same script as the read.
/// </summary>
public static class FilesCollector
{
    /// <summary>Most bytes one read may return (1 MiB).</summary>
    public const int MaxReadBytes = 1 << 20;

    private const string ListScript = """
        d="$1"
        bg_check "$d"
        [ -e "$bg_p" ] || exit 3
        [ -d "$bg_p" ] || exit 4
        cd -- "$bg_p" 2>/dev/null || exit 5
        for f in * .[!.]* ..?*; do [ -e "$f" ] || [ -L "$f" ] || continue; printf '%s\0' "$f"; done |
          xargs -0 -r stat -c '%F|%s|%a|%U|%G|%Y|%n' --
        """;

    private const string ReadScript = """
        f="$1"; off="$2"; len="$3"
        bg_check "$f"
        [ -e "$bg_p" ] || exit 3
        [ -f "$bg_p" ] || exit 4
        [ -r "$bg_p" ] || exit 5
        size=$(wc -c < "$bg_p")
        bg_key "$f" "$bg_p" "$off" "$len" "$size"
        printf '%s\n' "$size"
        tail -c +$((off + 1)) -- "$bg_p" | head -c "$len"
        """;

    /// <summary>The entries of directory <paramref name="path"/>, directories first, then by name.</summary>
    /// <exception cref="BastionException">A bad path, or the directory is missing, not a directory, or not readable, or it is secret (see PathGuard).</exception>
    public static async Task<DirectoryListing> ListAsync(IHostRunner runner, PathGuard guard, string path, int limit, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(runner);
        ArgumentNullException.ThrowIfNull(guard);
        var directory = RemotePath.Normalize(path);
        var result = await runner.RunAsync(CommandRequest.Facts(guard.Prelude(runner) + ListScript, directory), cancellationToken);
        Fail(guard, runner.HostName, directory, result, "a directory");
        var entries = result.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(ParseStat)
            .OrderBy(e => e.Type == "directory" ? 0 : 1).ThenBy(e => e.Name, StringComparer.Ordinal);
        var (items, total, truncated) = Limits.Take(entries, limit);
        return new DirectoryListing(runner.HostName, directory, total, items, truncated);
    }

    /// <summary>Up to <paramref name="length"/> bytes of text file <paramref name="path"/> from byte <paramref name="offset"/>.</summary>
    /// <exception cref="BastionException">A bad path, or the file is missing, not a regular file, or not readable, or it is secret or holds a private key (see PathGuard).</exception>
    public static async Task<FileContent> ReadAsync(IHostRunner runner, PathGuard guard, string path, long offset, int length, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(runner);
        ArgumentNullException.ThrowIfNull(guard);
        var file = RemotePath.Normalize(path);
        using var sink = new MemoryStream();
        var request = CommandRequest.Facts(guard.Prelude(runner) + ReadScript, file, offset.ToString(CultureInfo.InvariantCulture), length.ToString(CultureInfo.InvariantCulture)) with { StdoutSink = sink };
        var result = await runner.RunAsync(request, cancellationToken);
        Fail(guard, runner.HostName, file, result, "a regular file");
        var bytes = sink.ToArray();
        var newline = Array.IndexOf(bytes, (byte)'\n');
        var size = newline > 0 && long.TryParse(Encoding.ASCII.GetString(bytes, 0, newline).Trim(), NumberStyles.Integer, CultureInfo.InvariantCulture, out var s)
            ? s
            : throw new BastionException($"Host '{runner.HostName}': could not read the size of '{file}'.");
        var data = bytes.AsSpan(newline + 1);
        var eof = offset + data.Length >= size;
        if (data.Contains((byte)0))
        {
            return new FileContent(runner.HostName, file, size, offset, data.Length, eof, true, string.Empty);
        }

        var whole = eof ? data.Length : CompleteUtf8Length(data);
        return new FileContent(runner.HostName, file, size, offset, whole, offset + whole >= size, false, Encoding.UTF8.GetString(data[..whole]));
    }

    /// <summary>The length of <paramref name="data"/> without a UTF-8 sequence cut off at its end.</summary>
    internal static int CompleteUtf8Length(ReadOnlySpan<byte> data)
    {
        // Walk back over at most 3 continuation bytes to the last lead byte and check its sequence is whole.
        for (var back = 1; back <= Math.Min(4, data.Length); back++)
        {
            var b = data[^back];
            if ((b & 0xC0) == 0x80)
            {
                continue;
            }

            var needed = b >= 0xF0 ? 4 : b >= 0xE0 ? 3 : b >= 0xC0 ? 2 : 1;
            return needed > back ? data.Length - back : data.Length;
        }

        return data.Length;
    }

    /// <exception cref="BastionException">The script's exit code says the path was wrong.</exception>
    internal static void Fail(PathGuard guard, string host, string path, CommandResult result, string expected)
    {
        if (guard.Refusal(host, result) is { } refused)
        {
            throw refused;
        }

        var reason = result.TimedOut ? "timed out"
            : result.ExitCode switch
            {
                0 => null,
                3 => "does not exist",
                4 => $"is not {expected}",
                5 => "cannot be read by the user Bastion connects as",
                _ => $"could not be read: {result.Stderr.Trim()}",
            };
        if (reason is not null)
        {
            throw new BastionException($"Host '{host}': '{path}' {reason}.");
        }
    }

    private static FileEntry ParseStat(string line)
    {
        var f = line.Split('|', 7);
        if (f.Length < 7)
        {
            throw new BastionException($"stat printed an unexpected line: '{Limits.Clip(line, 200)}'.");
        }

        var type = f[0] switch
        {
            "regular file" or "regular empty file" => "file",
            "directory" => "directory",
            "symbolic link" => "symlink",
            _ => "other",
        };
        return new FileEntry(
            f[6],
            type,
            long.TryParse(f[1], NumberStyles.Integer, CultureInfo.InvariantCulture, out var size) ? size : 0,
            f[2],
            f[3],
            f[4],
            DateTimeOffset.FromUnixTimeSeconds(long.TryParse(f[5], NumberStyles.Integer, CultureInfo.InvariantCulture, out var mtime) ? mtime : 0));
    }
}
