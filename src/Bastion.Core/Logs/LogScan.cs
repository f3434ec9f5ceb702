namespace Bastion.Core.Logs;

/// <summary>What one read of a host's log brought back, before any time window is applied.</summary>
/// <param name="Source">'journal' or the log file's resolved path.</param>
/// <param name="Clock">The host's clock when it was read.</param>
/// <param name="Lines">The lines, oldest first, without line ends.</param>
/// <param name="More">True when older (matching) lines exist beyond these.</param>
/// <param name="Note">What was read instead of what was asked, in words, or null.</param>
internal sealed record LogScan(string Source, HostClock Clock, IReadOnlyList<string> Lines, bool More, string? Note)
{
    /// <summary>
    /// Reads a log script's output: first the host's <c>date '+%s %z'</c>, then at most <paramref name="asked"/> lines;
    /// a full count means more exist, and the oldest line is dropped so that the answer says so honestly.
    /// </summary>
    /// <exception cref="BastionException">The output does not start with the host's clock.</exception>
    public static LogScan Parse(string source, string stdout, int asked, string? note)
    {
        var lines = stdout.Split('\n').Select(l => l.TrimEnd('\r')).ToList();
        if (lines.Count > 0 && lines[^1].Length == 0)
        {
            lines.RemoveAt(lines.Count - 1);
        }

        HostClock clock;
        try
        {
            clock = HostClock.Parse(lines.Count > 0 ? lines[0] : string.Empty);
        }
        catch (FormatException e)
        {
            throw new BastionException($"Reading '{source}': {e.Message}");
        }

        lines.RemoveAt(0);
        var more = lines.Count >= asked;
        return new LogScan(source, clock, more ? lines[1..] : lines, more, note);
    }
}
