using System.Diagnostics;
using System.Globalization;
using System.Security.Cryptography;
using System.Text.RegularExpressions;
using Bastion.Core.Execution;
using Bastion.Core.Policy;

namespace Bastion.Core.Files;

/// <summary>
/// Moves files between Bastion's machine and a host over the host's runner (for SSH hosts, a stream over the existing
/// master connection): downloads through a temporary file renamed into place, uploads that are atomic on the host
/// (temporary name, then rename), directories as .tar.gz. Every transfer is checked against SHA-256 on both sides
/// where the host has sha256sum. Paths are resolved and checked against the secret-path catalogue before anything moves:
/// on the host by <see cref="PathGuard"/>'s prelude in the transfer's own script (a directory is refused when anything in
/// it is secret), on Bastion's machine by <see cref="PathGuard.CheckLocal"/> (so no transfer reads or writes Bastion's data
/// directory). <see cref="ResolveOnHostAsync"/> and <see cref="ResolveLocal"/> run the same checks before a confirmation is asked.
/// </summary>
public sealed partial class FileTransfer(FileTransferOptions options, PathGuard guard)
{
    private const string DownloadScript = """
        f="$1"; max="$2"
        bg_check "$f"
        [ -e "$bg_p" ] || exit 3
        [ -f "$bg_p" ] || exit 4
        [ -r "$bg_p" ] || exit 5
        size=$(wc -c < "$bg_p")
        [ "$size" -le "$max" ] || { echo "$size" >&2; exit 6; }
        bg_key "$f" "$bg_p" 0 "$size"
        exec cat -- "$bg_p"
        """;

    private const string UploadScript = """
        dest="$1"; mode="$2"; ow="$3"
        bg_check "$dest"
        dest=$bg_p
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
        d="$1"; bg_src="$2"
        bg_check "$d"
        [ -e "$bg_p" ] || exit 3
        [ -d "$bg_p" ] || exit 4
        [ -r "$bg_p" ] || exit 5
        hit=$(find "$bg_p" -exec sh -c "$bg_src"'
          for x; do if bg_rule "$x"; then printf "%s\t%s\n" "$x" "$bg_why"; exit 0; fi; done' sh {} + 2>/dev/null | head -n 1)
        tab=$(printf '\t'); [ -z "$hit" ] || bg_refuse "$d" "${hit%%"$tab"*}" "in:${hit#*"$tab"}"
        hit=$(find "$bg_p" -type f -size -1025k -exec grep -l -a -s -F -e 'PRIVATE KEY-----' -e 'PRIVATE KEY BLOCK-----' -e 'PuTTY-User-Key-File-' {} + 2>/dev/null | head -n 1)
        [ -z "$hit" ] || bg_refuse "$d" "$hit" in:key
        exec tar -czf - -C "$bg_p" .
        """;

    private const string ResolveScript = """
        bg_check "$1"
        printf '%s\n' "$bg_p"
        bg_key "$1" "$bg_p"
        """;

    private const string HashScript = "sha256sum -- \"$1\" 2>/dev/null | cut -c1-64";

    /// <summary>
    /// What <paramref name="path"/> on the host resolves to, checked by the guard (name and, for a file, content); one round
    /// trip, for showing a transfer's real paths before a confirmation is asked.
    /// </summary>
    /// <exception cref="BastionException">A bad path, or it is or resolves to a secret.</exception>
    public async Task<string> ResolveOnHostAsync(IHostRunner runner, string path, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(runner);
        var normalized = RemotePath.Normalize(path);
        var result = await runner.RunAsync(CommandRequest.Shell(guard.Prelude(runner) + ResolveScript, normalized), cancellationToken);
        if (guard.Refusal(runner.HostName, result) is { } refused)
        {
            throw refused;
        }

        return result.Stdout.Trim() is { Length: > 0 } real ? real : normalized;
    }

    /// <summary>What <paramref name="path"/> on Bastion's machine resolves to, checked by the guard (see <see cref="PathGuard.CheckLocal"/>).</summary>
    /// <exception cref="BastionException">A bad path (relative, with '..'), or it is or resolves to a secret.</exception>
    public string ResolveLocal(string path, string parameter) => guard.CheckLocal(RemotePath.Normalize(path, parameter), parameter);

    /// <summary>Copies file <paramref name="path"/> from the host to <paramref name="destination"/> on Bastion's machine.</summary>
    /// <exception cref="BastionException">Bad paths, a missing or unreadable file, a file over the size limit, an existing destination without overwrite.</exception>
    public async Task<TransferResult> DownloadAsync(IHostRunner runner, string path, string destination, bool overwrite, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(runner);
        var source = RemotePath.Normalize(path);
        var target = LocalFile.Destination(guard, destination, overwrite);
        var stopwatch = Stopwatch.StartNew();
        var (size, sha) = await ReceiveAsync(runner, CommandRequest.Shell(guard.Prelude(runner) + DownloadScript, source, options.MaxTransferBytes.ToString(CultureInfo.InvariantCulture)), source, target, "a regular file", cancellationToken);
        var remote = (await runner.RunAsync(CommandRequest.Shell(HashScript, source), cancellationToken)).Stdout.Trim();
        return new TransferResult(runner.HostName, source, target, size, sha, remote == sha, LocalFile.Mode(target), Seconds(stopwatch));
    }

    /// <summary>Packs directory <paramref name="path"/> on the host as .tar.gz into <paramref name="destination"/> on Bastion's machine.</summary>
    /// <exception cref="BastionException">Bad paths, a missing or unreadable directory, an archive over the size limit, an existing destination without overwrite.</exception>
    public async Task<TransferResult> DownloadDirectoryAsync(IHostRunner runner, string path, string destination, bool overwrite, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(runner);
        var source = RemotePath.Normalize(path);
        var target = LocalFile.Destination(guard, destination, overwrite);
        var stopwatch = Stopwatch.StartNew();
        var prelude = guard.Prelude(runner);
        var (size, sha) = await ReceiveAsync(runner, CommandRequest.Shell(prelude + ArchiveScript, source, prelude), source, target, "a directory", cancellationToken);
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
        var local = guard.CheckLocal(RemotePath.Normalize(source, "source"), "source");
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
        var request = CommandRequest.Shell(guard.Prelude(runner) + UploadScript, target, bits, overwrite ? "1" : "0") with { StdinStream = input, Timeout = options.TransferTimeout };
        var result = await runner.RunAsync(request, cancellationToken);
        if (guard.Refusal(runner.HostName, result) is { } refused)
        {
            throw refused;
        }

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

            FilesCollector.Fail(guard, runner.HostName, source, result, expected);
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
