namespace Bastion.Core.Logs;

/// <summary>
/// Log lines kept by a <see cref="TimeWindow"/>: each line takes the time stamp it starts with, or, without one, the
/// time of the line before it (a stack trace or a wrapped message stays with the entry it belongs to); lines before the
/// first stamped line have no known time and are kept only when the window has no lower bound.
/// </summary>
/// <param name="Lines">The lines inside the window, oldest first.</param>
/// <param name="First">The earliest time stamp among them, or null when none has one.</param>
/// <param name="Last">The latest time stamp among them, or null when none has one.</param>
/// <param name="EarliestSeen">The earliest time stamp among all the lines looked at, inside the window or not.</param>
public sealed record TimedLines(IReadOnlyList<string> Lines, DateTimeOffset? First, DateTimeOffset? Last, DateTimeOffset? EarliestSeen)
{
    /// <summary>The lines of <paramref name="lines"/> that fall inside <paramref name="window"/>.</summary>
    public static TimedLines Filter(IEnumerable<string> lines, TimeWindow window, HostClock clock)
    {
        ArgumentNullException.ThrowIfNull(lines);
        ArgumentNullException.ThrowIfNull(window);
        var kept = new List<string>();
        DateTimeOffset? current = null, first = null, last = null, earliest = null;
        foreach (var line in lines)
        {
            if (LogTimestamp.Read(line, clock) is { } stamp)
            {
                current = stamp;
                earliest = earliest is null || stamp < earliest ? stamp : earliest;
            }

            var inside = current is { } t ? window.Contains(t) : window.Since is null;
            if (!inside)
            {
                continue;
            }

            kept.Add(line);
            if (current is { } c)
            {
                first = first is null || c < first ? c : first;
                last = last is null || c > last ? c : last;
            }
        }

        return new TimedLines(kept, first, last, earliest);
    }
}
