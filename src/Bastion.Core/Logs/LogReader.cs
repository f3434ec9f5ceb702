using System.Globalization;
using System.Text.RegularExpressions;
using Bastion.Core.Execution;
using Bastion.Core.Policy;

namespace Bastion.Core.Logs;

/// <summary>
/// Reads the last lines of the systemd journal or of a log file under the allowed roots, optionally filtered by a
/// pattern on the host (so only matching lines cross the wire).
/// </summary>
public sealed partial class LogReader(LogsOptions options, PathGuard guard)
{
    private const string ReadingTheLog = "reading the log";

    // One round trip: the guard resolves the path (symbolic links, '..') and refuses secrets, the resolved path must lie
    // under an allowed root, then the lines. The output starts with the resolved path and the host's clock. The pattern
    // is tried on empty input first: grep exits 2 on a bad expression, and a pipeline's status would hide it.
    private const string FileScript = """
        f="$1"; n="$2"; pat="$3"; ic="$4"; shift 4
        bg_check "$f"
        ok=; for r; do case "$bg_p" in "${r%/}"/*) ok=1 ;; esac; done
        [ -n "$ok" ] || { printf '%s\n' "$bg_p" >&2; exit 8; }
        [ -f "$bg_p" ] || exit 3
        [ -r "$bg_p" ] || exit 5
        bg_key "$f" "$bg_p"
        printf '%s\n' "$bg_p"
        date '+%s %z'
        if [ -z "$pat" ]; then exec tail -n "$n" -- "$bg_p"; fi
        if [ "$ic" = 1 ]; then o=-i; else o=; fi
        grep $o -E -e "$pat" </dev/null >/dev/null; [ $? -gt 1 ] && exit 2
        grep -a $o -E -e "$pat" -- "$bg_p" | tail -n "$n"
        """;

    private const string JournalScript = """
        n="$1"; unit="$2"; pat="$3"; since="$4"; until="$5"
        date '+%s %z'
        set -- --no-pager -q -o short-iso -n "$n"
        [ -n "$unit" ] && set -- "$@" -u "$unit"
        [ -n "$pat" ] && set -- "$@" -g "$pat"
        [ -n "$since" ] && set -- "$@" --since "@$since"
        [ -n "$until" ] && set -- "$@" --until "@$until"
        journalctl "$@"
        """;

    /// <summary>Most lines read from one host to answer a query with a time window or a search (10,000).</summary>
    public const int ScanLines = 10_000;

    private const string DetectScript = """
        if [ -d /run/systemd/system ] && command -v journalctl >/dev/null; then echo journal; exit 0; fi
        for f in /var/log/syslog /var/log/messages; do [ -r "$f" ] && { echo "$f"; exit 0; }; done
        echo none
        """;

    /// <summary>Checks the query without touching a host, so that a bad one fails once rather than on every host.</summary>
    /// <returns>The normalised path, or null for the journal.</returns>
    /// <exception cref="BastionException">A bad path, unit or pattern, or unit combined with path.</exception>
    public string? Validate(LogQuery query)
    {
        ArgumentNullException.ThrowIfNull(query);
        if (query.Pattern is { } p && (p.Length > 1000 || p.Any(char.IsControl)))
        {
            throw new BastionException("pattern must be at most 1000 characters with no control characters (newline, NUL, …).");
        }

        if (query.Path is not null && query.Unit is not null)
        {
            throw new BastionException("unit selects journal entries; it cannot be combined with path. Pass one or the other.");
        }

        if (query.Unit is { } unit && !UnitName().IsMatch(unit))
        {
            throw new BastionException($"unit '{unit}' is not a systemd unit name. Accepted: letters, digits and @ . _ : - (e.g. nginx.service, getty@tty1.service).");
        }

        return query.Path is null ? null : LogPath.Normalize(query.Path, options.AllowedRoots);
    }

    /// <summary>Reads the last lines that <paramref name="query"/> asks for, inside its time window if it has one.</summary>
    /// <exception cref="BastionException">A bad path, unit or pattern, a missing or unreadable file, or no log source at all.</exception>
    public async Task<LogTail> TailAsync(IHostRunner runner, LogQuery query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        var window = query.Window ?? new TimeWindow(null, null);
        var scan = await ScanAsync(runner, query, window.IsOpen ? query.Limit + 1 : ScanLines + 1, cancellationToken);
        var timed = TimedLines.Filter(scan.Lines, window, scan.Clock);
        var truncated = timed.Lines.Count > query.Limit || (window.Since is null && scan.More);
        var kept = timed.Lines.Skip(Math.Max(0, timed.Lines.Count - query.Limit)).Select(l => Limits.Clip(l)).ToList();
        return new LogTail(runner.HostName, scan.Source, kept, truncated, Join(scan.Note, ScanNote(scan, timed, window)));
    }

    /// <summary>Counts the lines matching <paramref name="query"/>'s pattern inside its window and keeps the last of them.</summary>
    /// <exception cref="BastionException">No pattern, a bad path, unit or pattern, a missing or unreadable file, or no log source at all.</exception>
    public async Task<LogSearch> SearchAsync(IHostRunner runner, LogQuery query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        if (string.IsNullOrEmpty(query.Pattern))
        {
            throw new BastionException("pattern is required: the regular expression to count over the window.");
        }

        var window = query.Window ?? new TimeWindow(null, null);
        var scan = await ScanAsync(runner, query, ScanLines + 1, cancellationToken);
        var timed = TimedLines.Filter(scan.Lines, window, scan.Clock);
        var partial = scan.More && (window.Since is null || timed.EarliestSeen is not { } e || e > window.Since);
        var kept = timed.Lines.Skip(Math.Max(0, timed.Lines.Count - query.Limit)).Select(l => Limits.Clip(l)).ToList();
        return new LogSearch(
            runner.HostName,
            scan.Source,
            timed.Lines.Count,
            partial,
            timed.First,
            timed.Last,
            kept,
            timed.Lines.Count > kept.Count,
            Join(scan.Note, ScanNote(scan, timed, window)));
    }

    private async Task<LogScan> ScanAsync(IHostRunner runner, LogQuery query, int lines, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(runner);
        if (Validate(query) is { } path)
        {
            return await FileAsync(runner, path, query, lines, null, cancellationToken);
        }

        var source = (await runner.RunWithinTimeoutAsync(CommandRequest.Facts(DetectScript), ReadingTheLog, cancellationToken)).Stdout.Trim();
        if (source == "journal")
        {
            return await JournalAsync(runner, query, lines, cancellationToken);
        }

        if (query.Unit is not null)
        {
            throw new BastionException($"Host '{runner.HostName}': the systemd journal is not available (systemd is not running), so unit cannot be used. Pass path, a log file under {string.Join(" or ", options.AllowedRoots)}.");
        }

        if (source.StartsWith('/') && LogPath.IsUnder(source, options.AllowedRoots))
        {
            var note = $"systemd is not running on this host; read {source} instead of the journal.";
            return await FileAsync(runner, source, query, lines, note, cancellationToken);
        }

        throw new BastionException($"Host '{runner.HostName}': the systemd journal is not available (systemd is not running) and there is no /var/log/syslog or /var/log/messages. Pass path, a log file under {string.Join(" or ", options.AllowedRoots)}.");
    }

    private async Task<LogScan> FileAsync(IHostRunner runner, string path, LogQuery query, int lines, string? note, CancellationToken cancellationToken)
    {
        var result = await runner.RunWithinTimeoutAsync(
            CommandRequest.Facts(
                guard.Prelude(runner) + FileScript,
                [path, Number(lines), query.Pattern ?? string.Empty, query.IgnoreCase ? "1" : "0", .. options.AllowedRoots]),
            ReadingTheLog,
            cancellationToken);
        if (guard.Refusal(runner.HostName, result) is { } refused)
        {
            throw refused;
        }

        var newline = result.Stdout.IndexOf('\n', StringComparison.Ordinal);
        var real = newline < 0 ? path : result.Stdout[..newline];
        switch (result.ExitCode)
        {
            case 0:
                break;
            case 8:
                throw new BastionException($"path '{path}' resolves to '{result.Stderr.Trim()}', which is outside what the logs tools may read ({string.Join(", ", options.AllowedRoots)}).");
            case 3:
                throw new BastionException($"Host '{runner.HostName}': '{path}' does not exist or is not a regular file.");
            case 5:
                throw new BastionException($"Host '{runner.HostName}': '{path}' cannot be read by the user Bastion runs as.");
            default:
                throw new BastionException($"Host '{runner.HostName}': reading '{real}' failed: {Limits.FirstLine(result.Stderr)}{(query.Pattern is null ? string.Empty : " (is the pattern a valid POSIX extended regular expression?)")}");
        }

        return LogScan.Parse(real, result.Stdout[(newline + 1)..], lines, note);
    }

    private static async Task<LogScan> JournalAsync(IHostRunner runner, LogQuery query, int lines, CancellationToken cancellationToken)
    {
        var pattern = query.Pattern is { } p && query.IgnoreCase ? "(?i)" + p : query.Pattern;
        var result = await runner.RunWithinTimeoutAsync(
            CommandRequest.Facts(
                JournalScript,
                Number(lines),
                query.Unit ?? string.Empty,
                pattern ?? string.Empty,
                Epoch(query.Window?.Since),
                Epoch(query.Window?.Until)),
            ReadingTheLog,
            cancellationToken);
        var scan = LogScan.Parse("journal", result.Stdout, lines, null);
        if (result.ExitCode != 0 && scan.Lines.Count == 0 && result.Stderr.Trim().Length > 0)
        {
            throw new BastionException($"Host '{runner.HostName}': journalctl failed: {Limits.FirstLine(result.Stderr)}");
        }

        return scan;
    }

    // What the window could not see: the scan reached its bound before the window's start.
    private static string? ScanNote(LogScan scan, TimedLines timed, TimeWindow window) =>
        window.IsOpen || !scan.More || (window.Since is { } since && timed.EarliestSeen is { } e && e <= since)
            ? null
            : $"only the last {ScanLines} {(scan.Source == "journal" ? "entries" : "lines")} were read; earlier ones in the window{(timed.EarliestSeen is { } seen ? $" (before {seen:u})" : string.Empty)} are not included.";

    private static string? Join(string? a, string? b) => a is null ? b : b is null ? a : $"{a} {b}";

    private static string Number(long n) => n.ToString(CultureInfo.InvariantCulture);

    private static string Epoch(DateTimeOffset? moment) => moment is { } m ? Number(m.ToUnixTimeSeconds()) : string.Empty;

    [GeneratedRegex(@"^[A-Za-z0-9@._:\\-]{1,256}$")]
    private static partial Regex UnitName();
}
