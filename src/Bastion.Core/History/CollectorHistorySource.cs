using Bastion.Core.Inventory;

namespace Bastion.Core.History;

/// <summary>
/// Bastion's own history: what the collector recorded in the store (<see cref="IHistoryStore"/>), for any host. Covered
/// are the runs of ticks, answered or not (a window the store covers asks no other source: a host the collector could not
/// reach is reported in the coverage's unreachable spans, and asking it for its sysstat files would only wait for the
/// same time-out again); the coverage lists ticks, gaps and unreachable spans.
/// </summary>
public sealed class CollectorHistorySource(IHistoryStore store, HistoryOptions options) : IHistorySource
{
    /// <summary>The name of this source.</summary>
    public const string SourceName = "bastion-collector";

    private const int MaxSpans = 20;

    /// <inheritdoc/>
    public string Name => SourceName;

    /// <inheritdoc/>
    public bool Serves(Host host) => true;

    /// <inheritdoc/>
    public async Task<SourceReading> ReadAsync(Host host, SourceQuery query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(host);
        ArgumentNullException.ThrowIfNull(query);
        var settings = await store.SettingsAsync(cancellationToken);
        return await ReadAsync(host, query, settings.SampleInterval ?? options.Interval, cancellationToken);
    }

    /// <summary>What <see cref="ReadAsync(Host, SourceQuery, CancellationToken)"/> gives, for a reader that already knows
    /// the store's sampling <paramref name="interval"/> (from <see cref="IHistoryStore.SettingsAsync"/>).</summary>
    public async Task<SourceReading> ReadAsync(Host host, SourceQuery query, TimeSpan interval, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(host);
        ArgumentNullException.ThrowIfNull(query);
        var ticks = await store.TicksAsync(host.Name, query.From, query.To, cancellationToken);
        var series = new List<StoredSeries>();
        foreach (var metric in query.Metrics)
        {
            series.AddRange(await store.SeriesAsync(new SeriesQuery(host.Name, metric, query.Instance, query.From, query.To, query.Step), cancellationToken));
        }

        return Reading(series, ticks, interval, query);
    }

    /// <summary>What <see cref="ReadAsync(Host, SourceQuery, TimeSpan, CancellationToken)"/> gives, for many hosts at once
    /// and a query of one metric, for a ranking: the series of every host come from one store query
    /// (<see cref="IHistoryStore.SeriesOfHostsAsync"/>), and the ticks only as a summary per host
    /// (<see cref="IHistoryStore.TickRunsOfHostsAsync"/>), from which the covered stretches are exactly those
    /// <see cref="ReadAsync(Host, SourceQuery, TimeSpan, CancellationToken)"/> gives; the readings carry no
    /// <see cref="SourceReading.Coverage"/> (a ranking does not report gaps or unreachable spans).</summary>
    /// <returns>A reading per host name, for every host given.</returns>
    public async Task<IReadOnlyDictionary<string, SourceReading>> ReadManyAsync(IReadOnlyList<Host> hosts, SourceQuery query, TimeSpan interval, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(hosts);
        ArgumentNullException.ThrowIfNull(query);
        if (query.Metrics.Count != 1)
        {
            throw new ArgumentException("one metric per query of many hosts", nameof(query));
        }

        var names = hosts.Select(h => h.Name).Distinct(StringComparer.Ordinal).ToList();
        var found = (await store.SeriesOfHostsAsync(names, query.Metrics[0], query.Instance ?? string.Empty, query.From, query.To, query.Step, cancellationToken))
            .ToDictionary(s => s.Host, StringComparer.Ordinal);
        var readings = new Dictionary<string, SourceReading>(names.Count, StringComparer.Ordinal);
        foreach (var (name, covered) in await CoveredManyAsync(names, query, interval, cancellationToken))
        {
            readings[name] = found.TryGetValue(name, out var s) && s.Points.Count > 0
                ? covered with { Series = [new StoredSeries(query.Metrics[0], query.Instance ?? string.Empty, s.Points)] }
                : covered;
        }

        return readings;
    }

    /// <summary>What <see cref="ReadManyAsync"/>'s readings of <paramref name="names"/> say of the ticks (the stretches
    /// covered, and a note when there were none), without their series: from the tick summaries alone
    /// (<see cref="IHistoryStore.TickRunsOfHostsAsync"/>), for a ranking that takes its figures from
    /// <see cref="IHistoryStore.ReduceSeriesOfHostsAsync"/>.</summary>
    /// <returns>A reading without series per name, for every name given.</returns>
    internal async Task<IReadOnlyDictionary<string, SourceReading>> CoveredManyAsync(IReadOnlyList<string> names, SourceQuery query, TimeSpan interval, CancellationToken cancellationToken)
    {
        // Runs split at 2.5 sample intervals: every split a host's own (possibly longer) spacing would make is among them.
        var runsOf = await store.TickRunsOfHostsAsync(names, query.From, query.To, interval * 2.5, cancellationToken);
        var readings = new Dictionary<string, SourceReading>(names.Count, StringComparer.Ordinal);
        // What every host the collector covered from end to end reads as (a ranking's usual host): one reading for all.
        SourceReading? whole = null;
        foreach (var name in names)
        {
            var runs = runsOf.TryGetValue(name, out var r) ? r : TickRuns.None;
            var usual = runs.Ticks >= 3 && runs.MedianSpacing > interval ? runs.MedianSpacing.Value : interval;
            readings[name] = runs.Runs is [var run] && Widened(run.From, run.To, usual, query.From, query.To) == (query.From, query.To)
                ? whole ??= new SourceReading([], [new HistorySpan(query.From, query.To, "ticks")])
                : new SourceReading([], Covered(runs.Runs.Select(r => (r.From, r.To)), usual, query.From, query.To), null, runs.Ticks == 0 ? "no ticks recorded in the window" : null);
        }

        return readings;
    }

    private static SourceReading Reading(IReadOnlyList<StoredSeries> series, IReadOnlyList<TickRecord> ticks, TimeSpan interval, SourceQuery query)
    {
        // A host of a group sampled on a longer interval of its own: its usual spacing (the median) is not a gap.
        var spacing = ticks.Count < 3 ? interval : SourceReading.TypicalSpacing(ticks.Select(t => t.Time), interval);
        var usual = spacing > interval ? spacing : interval;
        return new SourceReading(series, Covered(ticks.Select(t => (t.Time, t.Time)), usual, query.From, query.To), Coverage(ticks, usual), ticks.Count == 0 ? "no ticks recorded in the window" : null);
    }

    /// <summary>Stretches of ticks (each its first and last tick: a run, or a single tick) as <see cref="Widened"/>
    /// makes them, joined where a stretch begins no more than 2.5 intervals after the one before ends, so a running
    /// collector leaves no slivers for slower sources to fill.</summary>
    private static List<HistorySpan> Covered(IEnumerable<(DateTimeOffset First, DateTimeOffset Last)> stretches, TimeSpan interval, DateTimeOffset from, DateTimeOffset to)
    {
        var spans = new List<HistorySpan>();
        DateTimeOffset? last = null;
        foreach (var (first, final) in stretches)
        {
            var (start, end) = Widened(first, final, interval, from, to);
            if (last is { } previous && first - previous <= interval * 2.5 && spans.Count > 0)
            {
                spans[^1] = spans[^1] with { To = end };
            }
            else
            {
                spans.Add(new HistorySpan(start, end, "ticks"));
            }

            last = final;
        }

        return spans;
    }

    /// <summary>The stretch from <paramref name="first"/> to <paramref name="last"/> tick widened by one interval before
    /// and 2.5 intervals after (the next tick is not due yet), within [<paramref name="from"/>, <paramref name="to"/>).</summary>
    private static (DateTimeOffset From, DateTimeOffset To) Widened(DateTimeOffset first, DateTimeOffset last, TimeSpan interval, DateTimeOffset from, DateTimeOffset to) =>
        (first - interval > from ? first - interval : from, last + (interval * 2.5) < to ? last + (interval * 2.5) : to);

    private static HistoryCoverage Coverage(IReadOnlyList<TickRecord> ticks, TimeSpan interval)
    {
        var gaps = new List<HistorySpan>();
        var down = new List<HistorySpan>();
        var limit = interval * 2.5;
        DateTimeOffset? downSince = null;
        string? downReason = null;
        for (var i = 0; i < ticks.Count; i++)
        {
            var t = ticks[i];
            if (i > 0 && t.Time - ticks[i - 1].Time > limit)
            {
                gaps.Add(new HistorySpan(ticks[i - 1].Time, t.Time, "no samples"));
            }

            if (t.Status != TickStatus.Ok && downSince is null)
            {
                (downSince, downReason) = (t.Time, $"{Status(t.Status)}: {t.Error}");
            }
            else if (t.Status == TickStatus.Ok && downSince is { } since)
            {
                down.Add(new HistorySpan(since, t.Time, downReason!));
                downSince = null;
            }
        }

        if (downSince is { } open)
        {
            down.Add(new HistorySpan(open, ticks[^1].Time, downReason! + " (still not answering at the last tick)"));
        }

        return new HistoryCoverage(
            ticks.Count > 0 ? ticks[0].Time : null,
            ticks.Count > 0 ? ticks[^1].Time : null,
            ticks.Count,
            ticks.Count(t => t.Status == TickStatus.Ok),
            gaps.TakeLast(MaxSpans).ToList(),
            down.TakeLast(MaxSpans).ToList());
    }

    private static string Status(TickStatus status) => status switch
    {
        TickStatus.Unreachable => "unreachable",
        TickStatus.TimedOut => "timed_out",
        TickStatus.Failed => "failed",
        _ => "ok",
    };
}
