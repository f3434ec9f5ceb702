using System.Diagnostics;
using System.Globalization;
using System.Security.Cryptography;
using System.Text.RegularExpressions;
using Bastion.Core.Execution;

namespace Bastion.Core.Files;

/// <summary>
/// Moves files between Bastion's machine and a host over the host's runner (for SSH hosts, a stream over the existing
/// master connection): downloads through a temporary file renamed into place, uploads that are atomic on the host
/// (temporary name, then rename), directories as .tar.gz. Every transfer is checked against SHA-256 on both sides
/// where the host has sha256sum.
/// </summary>
public sealed partial class FileTransfer(FileTransferOptions options)
{
    private const string DownloadScript = """
        f="$1"; max="$2"
        [ -e "$f" ] || exit 3
        [ -f "$f" ] || exit 4
        [ -r "$f" ] || exit 5
        size=$(wc -c < "$f")
        [ "$size" -le "$max" ] || { echo "$size" >&2; exit 6; }
        exec cat -- "$f"
        """;

    private const string UploadScript = """
        dest="$1"; mode="$2"; ow="$3"
        dir=$(dirname -- "$dest")
        [ -d "$dir" ] || exit 3
        [ -d "$dest" ] && exit 4
        [ "$ow" = 1 ] || [ ! -e "$dest" ] || exit 9
        tmp="$dir/.$(basename -- "$dest").bastion-$$.part"
        trap 'rm -f -- "$tmp"' EXIT
        cat > "$tmp" || exit 5
        chmod "$mode" "$tmp" || exit 5
        mv -f -- "$tmp" "$dest" || exit 5
        trap - EXIT
        sha256sum -- "$dest" 2>/dev/null | cut -c1-64
        """;

    private const string ArchiveScript = """
        d="$1"
        [ -e "$d" ] || exit 3
        [ -d "$d" ] || exit 4
        [ -r "$d" ] || exit 5
        exec tar -czf - -C "$d" .
        """;

    private const string HashScript = "sha256sum -- \"$1\" 2>/dev/null | cut -c1-64";

    /// <summary>Copies file <paramref name="path"/> from the host to <paramref name="destination"/> on Bastion's machine.</summary>
    /// <exception cref="BastionException">Bad paths, a missing or unreadable file, a file over the size limit, an existing destination without overwrite.</exception>
    public async Task<TransferResult> DownloadAsync(IHostRunner runner, string path, string destination, bool overwrite, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(runner);
        var source = RemotePath.Normalize(path);
        var target = LocalFile.Destination(destination, overwrite);
        var stopwatch = Stopwatch.StartNew();
        var (size, sha) = await ReceiveAsync(runner, CommandRequest.Shell(DownloadScript, source, options.MaxTransferBytes.ToString(CultureInfo.InvariantCulture)), source, target, "a regular file", cancellationToken);
        var remote = (await runner.RunAsync(CommandRequest.Shell(HashScript, source), cancellationToken)).Stdout.Trim();
        return new TransferResult(runner.HostName, source, target, size, sha, remote == sha, LocalFile.Mode(target), Seconds(stopwatch));
    }

    /// <summary>Packs directory <paramref name="path"/> on the host as .tar.gz into <paramref name="destination"/> on Bastion's machine.</summary>
    /// <exception cref="BastionException">Bad paths, a missing or unreadable directory, an archive over the size limit, an existing destination without overwrite.</exception>
    public async Task<TransferResult> DownloadDirectoryAsync(IHostRunner runner, string path, string destination, bool overwrite, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(runner);
        var source = RemotePath.Normalize(path);
        var target = LocalFile.Destination(destination, overwrite);
        var stopwatch = Stopwatch.StartNew();
        var (size, sha) = await ReceiveAsync(runner, CommandRequest.Shell(ArchiveScript, source), source, target, "a directory", cancellationToken);
        return new TransferResult(runner.HostName, source, target, size, sha, false, null, Seconds(stopwatch));
    }

    /// <summary>
    /// Copies <paramref name="source"/> on Bastion's machine to <paramref name="path"/> on the host: written under a temporary
    /// name in the same directory, given <paramref name="mode"/> (octal; null: the source file's mode), then renamed into place.
    /// </summary>
    /// <exception cref="BastionException">Bad paths or mode, a missing source, a source over the size limit, a missing target directory, an existing target without overwrite.</exception>
    public async Task<TransferResult> UploadAsync(IHostRunner runner, string source, string path, string? mode, bool overwrite, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(runner);
        var local = RemotePath.Normalize(source, "source");
        var target = RemotePath.Normalize(path);
        if (!File.Exists(local))
        {
            throw new BastionException($"source '{local}' is not a file on Bastion's machine.");
        }

        var length = new FileInfo(local).Length;
        if (length > options.MaxTransferBytes)
        {
            throw new BastionException($"source '{local}' has {length} bytes; at most {options.MaxTransferBytes} may be transferred.");
        }

        if (mode is not null && !OctalMode().IsMatch(mode))
        {
            throw new BastionException($"mode '{mode}' is not octal permission bits. Accepted: 3 or 4 octal digits, e.g. 644 or 0755.");
        }

        var bits = mode ?? LocalFile.Mode(local);
        string sha;
        await using (var hashed = File.OpenRead(local))
        {
            sha = Convert.ToHexStringLower(await SHA256.HashDataAsync(hashed, cancellationToken));
        }

        var stopwatch = Stopwatch.StartNew();
        await using var input = File.OpenRead(local);
        var request = CommandRequest.Shell(UploadScript, target, bits, overwrite ? "1" : "0") with { StdinStream = input, Timeout = options.TransferTimeout };
        var result = await runner.RunAsync(request, cancellationToken);
        var reason = result.TimedOut ? $"the upload did not finish within {options.TransferTimeout.TotalSeconds:0} s"
            : result.ExitCode switch
            {
                0 => null,
                3 => $"the directory of '{target}' does not exist on the host",
                4 => $"'{target}' is a directory on the host; give the full path of the file to write",
                9 => $"'{target}' exists already on the host; pass overwrite=true to replace it",
                _ => $"writing '{target}' failed: {Limits.FirstLine(result.Stderr)}",
            };
        if (reason is not null)
        {
            throw new BastionException($"Host '{runner.HostName}': {reason}.");
        }

        return new TransferResult(runner.HostName, local, target, length, sha, result.Stdout.Trim() == sha, bits.TrimStart('0').PadLeft(3, '0'), Seconds(stopwatch));
    }

    private async Task<(long Size, string Sha)> ReceiveAsync(IHostRunner runner, CommandRequest request, string source, string target, string expected, CancellationToken cancellationToken)
    {
        var temp = LocalFile.TempBeside(target);
        try
        {
            CommandResult result;
            long size;
            string sha;
            bool over;
            await using (var file = new FileStream(temp, FileMode.CreateNew, FileAccess.Write))
            await using (var counting = new CountingStream(file, options.MaxTransferBytes))
            {
                result = await runner.RunAsync(request with { StdoutSink = counting, Timeout = options.TransferTimeout }, cancellationToken);
                (size, sha, over) = (counting.Count, counting.Sha256(), counting.OverLimit);
                file.Flush(flushToDisk: true);
            }

            if (result.ExitCode == 6 || over)
            {
                throw new BastionException($"Host '{runner.HostName}': '{source}' is larger than the {options.MaxTransferBytes}-byte transfer limit ({(over ? size : result.Stderr.Trim())} bytes).");
            }

            FilesCollector.Fail(runner.HostName, source, result, expected);
            LocalFile.Commit(temp, target);
            return (size, sha);
        }
        finally
        {
            File.Delete(temp);
        }
    }

    private static double Seconds(Stopwatch stopwatch) => Math.Round(stopwatch.Elapsed.TotalSeconds, 3);

    [GeneratedRegex("^[0-7]{3,4}$")]
    private static partial Regex OctalMode();
}
