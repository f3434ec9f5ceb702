using System.Buffers;

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
        var times = new long[ticks.Count];
        for (var i = 0; i < times.Length; i++)
        {
            times[i] = ticks[i].UtcTicks;
        }

        return Of(times, maxGap.Ticks, 1, 0);
    }

    /// <summary>As <see cref="Of(IReadOnlyList{DateTimeOffset}, TimeSpan)"/>, for tick times in Unix milliseconds
    /// (the store's own unit), read where they lie.</summary>
    public static TickRuns OfUnixMilliseconds(ReadOnlySpan<long> ticks, TimeSpan maxGap) =>
        Of(ticks, (long)maxGap.TotalMilliseconds, TimeSpan.TicksPerMillisecond, DateTimeOffset.UnixEpoch.UtcTicks);

    /// <summary>The summary of <paramref name="times"/>, each <paramref name="unit"/> .NET ticks long, counted from
    /// <paramref name="epoch"/> (.NET ticks): one pass finds the runs and whether every spacing is the first; ticks at a
    /// steady spacing (the usual case) have it as their median, any others are sorted in a rented buffer.</summary>
    private static TickRuns Of(ReadOnlySpan<long> times, long maxGap, long unit, long epoch)
    {
        if (times.Length == 0)
        {
            return None;
        }

        // The runs before the last, when a gap splits the ticks (a list only then: most hosts have one run).
        List<HistorySpan>? split = null;
        var (first, steady) = (times[0], true);
        var usual = times.Length < 2 ? 0 : times[1] - times[0];
        for (var i = 1; i < times.Length; i++)
        {
            var spacing = times[i] - times[i - 1];
            steady &= spacing == usual;
            if (spacing > maxGap)
            {
                (split ??= []).Add(Run(first, times[i - 1], unit, epoch));
                first = times[i];
            }
        }

        var last = Run(first, times[^1], unit, epoch);
        IReadOnlyList<HistorySpan> runs = split is null ? [last] : [.. split, last];
        long? median = times.Length < 2 ? null : steady ? usual : MedianOf(times);
        return new TickRuns(times.Length, median is { } m ? TimeSpan.FromTicks(m * unit) : null, runs);
    }

    private static HistorySpan Run(long first, long last, long unit, long epoch) =>
        new(new DateTimeOffset(epoch + (first * unit), TimeSpan.Zero), new DateTimeOffset(epoch + (last * unit), TimeSpan.Zero), "ticks");

    /// <summary>The median of the spacings between consecutive <paramref name="times"/> (at least two).</summary>
    private static long MedianOf(ReadOnlySpan<long> times)
    {
        var buffer = ArrayPool<long>.Shared.Rent(times.Length - 1);
        try
        {
            var spacings = buffer.AsSpan(0, times.Length - 1);
            for (var i = 1; i < times.Length; i++)
            {
                spacings[i - 1] = times[i] - times[i - 1];
            }

            spacings.Sort();
            return spacings[spacings.Length / 2];
        }
        finally
        {
            ArrayPool<long>.Shared.Return(buffer);
        }
    }
}
