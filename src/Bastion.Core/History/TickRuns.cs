namespace Bastion.Core.History;

/// <summary>
/// One host's ticks in a window, summarised for a ranking: how many, their median spacing, and the runs they form
/// (stretches of ticks no more than a given gap apart). What a reader needs to tell which part of the window the
/// collector covered, without a record per tick (a ranking of 200 hosts over an hour: 200 summaries instead of 12,000
/// tick records).
/// </summary>
/// <param name="Ticks">Ticks in the window, answered or not.</param>
/// <param name="MedianSpacing">Median time between consecutive ticks; null with fewer than two ticks.</param>
/// <param name="Runs">First and last tick of each run, oldest first (<see cref="HistorySpan.Reason"/> is "ticks").</param>
public sealed record TickRuns(int Ticks, TimeSpan? MedianSpacing, IReadOnlyList<HistorySpan> Runs)
{
    /// <summary>No ticks.</summary>
    public static TickRuns None { get; } = new(0, null, []);

    /// <summary>The summary of <paramref name="ticks"/> (oldest first, distinct times), runs split where two ticks lie
    /// more than <paramref name="maxGap"/> apart.</summary>
    public static TickRuns Of(IReadOnlyList<DateTimeOffset> ticks, TimeSpan maxGap)
    {
        ArgumentNullException.ThrowIfNull(ticks);
        if (ticks.Count == 0)
        {
            return None;
        }

        var runs = new List<HistorySpan>();
        var spacings = new long[Math.Max(0, ticks.Count - 1)];
        var start = ticks[0];
        for (var i = 1; i < ticks.Count; i++)
        {
            var spacing = ticks[i] - ticks[i - 1];
            spacings[i - 1] = spacing.Ticks;
            if (spacing > maxGap)
            {
                runs.Add(new HistorySpan(start, ticks[i - 1], "ticks"));
                start = ticks[i];
            }
        }

        runs.Add(new HistorySpan(start, ticks[^1], "ticks"));
        Array.Sort(spacings);
        return new TickRuns(ticks.Count, spacings.Length == 0 ? null : TimeSpan.FromTicks(spacings[spacings.Length / 2]), runs);
    }
}
