namespace Bastion.Core.History;

/// <summary>What one history source gave for one host.</summary>
/// <param name="Series">Series averaged over the query's step, points in time order.</param>
/// <param name="Covered">Stretches of the window the source has samples for (its samples' first to last, split where it
/// has none); the reader asks the next source only for what no source covered before it.</param>
/// <param name="Coverage">Ticks, gaps and unreachable spans, from a source that records whether the host answered
/// (Bastion's collector); null from others.</param>
/// <param name="Note">Why the source gave nothing or less than asked (not installed, no data files, platform error); null when all went well.</param>
public sealed record SourceReading(IReadOnlyList<StoredSeries> Series, IReadOnlyList<HistorySpan> Covered, HistoryCoverage? Coverage = null, string? Note = null)
{
    /// <summary>A reading with no series, and why.</summary>
    public static SourceReading Nothing(string note) => new([], [], null, note);

    /// <summary>Series from timed samples: each sample's values are averaged per step into points; covered is the span
    /// from the first to the last sample (plus one <paramref name="sampleInterval"/>), split where two samples lie more
    /// than 2.5 intervals apart.</summary>
    public static SourceReading FromSamples(IEnumerable<(DateTimeOffset Time, IReadOnlyList<MetricValue> Values)> samples, SourceQuery query, TimeSpan sampleInterval, string? note = null)
    {
        ArgumentNullException.ThrowIfNull(samples);
        ArgumentNullException.ThrowIfNull(query);
        var kept = samples.Where(s => s.Time >= query.From && s.Time < query.To).OrderBy(s => s.Time).ToList();
        var series = kept
            .SelectMany(s => s.Values.Where(v => query.Wants(v.Metric, v.Instance)).Select(v => (s.Time, Value: v)))
            .GroupBy(x => (x.Value.Metric, x.Value.Instance))
            .OrderBy(g => g.Key.Metric, StringComparer.Ordinal).ThenBy(g => g.Key.Instance, StringComparer.Ordinal)
            .Select(g => new StoredSeries(g.Key.Metric, g.Key.Instance, g
                .GroupBy(x => query.Bucket(x.Time))
                .OrderBy(b => b.Key)
                .Select(b => new StoredPoint(b.Key, b.Average(x => x.Value.Value), b.Min(x => x.Value.Value), b.Max(x => x.Value.Value), false))
                .ToList()))
            .ToList();
        var covered = new List<HistorySpan>();
        var limit = sampleInterval * 2.5;
        for (var i = 0; i < kept.Count; i++)
        {
            if (covered.Count > 0 && kept[i].Time - kept[i - 1].Time <= limit)
            {
                covered[^1] = covered[^1] with { To = Min(kept[i].Time + sampleInterval, query.To) };
            }
            else
            {
                covered.Add(new HistorySpan(kept[i].Time, Min(kept[i].Time + sampleInterval, query.To), "samples"));
            }
        }

        return new SourceReading(series, covered, null, kept.Count == 0 ? note ?? "no samples in the window" : note);
    }

    /// <summary>The median spacing of <paramref name="times"/> (a platform's sampling interval), or <paramref name="fallback"/>
    /// with fewer than two distinct ones. Times that come oldest first at distinct times (the collector's ticks, most
    /// platforms' samples) are taken as they are; others are put in order and deduplicated first.</summary>
    public static TimeSpan TypicalSpacing(IEnumerable<DateTimeOffset> times, TimeSpan fallback)
    {
        ArgumentNullException.ThrowIfNull(times);
        var sorted = times.ToArray();
        for (var i = 1; i < sorted.Length; i++)
        {
            if (sorted[i] <= sorted[i - 1])
            {
                sorted = [.. sorted.Distinct().Order()];
                break;
            }
        }

        if (sorted.Length < 2)
        {
            return fallback;
        }

        var gaps = new TimeSpan[sorted.Length - 1];
        for (var i = 1; i < sorted.Length; i++)
        {
            gaps[i - 1] = sorted[i] - sorted[i - 1];
        }

        Array.Sort(gaps);
        return gaps[gaps.Length / 2];
    }

    private static DateTimeOffset Min(DateTimeOffset a, DateTimeOffset b) => a < b ? a : b;
}
