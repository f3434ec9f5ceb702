namespace Bastion.Core.History;

/// <summary>
/// Where host history is kept: one writer (the collector holding the data directory's lock), any number of readers.
/// The embedded implementation is SQLite in the data directory (Bastion.Store.Sqlite). Opened lazily, on first use.
/// Times are UTC; a window's start is inclusive and its end exclusive.
/// </summary>
public interface IHistoryStore
{
    /// <summary>Records one tick of many hosts, all or nothing.</summary>
    Task WriteAsync(IReadOnlyList<HostTick> ticks, CancellationToken cancellationToken);

    /// <summary>Records the sampling interval of the collector that writes, so readers can tell gaps from spacing.</summary>
    Task SetSampleIntervalAsync(TimeSpan interval, CancellationToken cancellationToken);

    /// <summary>Size, coverage and sampling interval of the store.</summary>
    Task<HistoryStoreInfo> InfoAsync(CancellationToken cancellationToken);

    /// <summary>The sampling interval and how far back raw samples are kept, as <see cref="InfoAsync"/> gives them.
    /// Stores should read them alone (a reader asks before every answer); this default asks <see cref="InfoAsync"/>.</summary>
    async Task<HistoryStoreSettings> SettingsAsync(CancellationToken cancellationToken)
    {
        var info = await InfoAsync(cancellationToken);
        return new HistoryStoreSettings(info.SampleInterval, info.RawKeptFrom);
    }

    /// <summary>The ticks recorded for a host in a window, oldest first.</summary>
    Task<IReadOnlyList<TickRecord>> TicksAsync(string host, DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken);

    /// <summary>
    /// The ticks of every host of <paramref name="hosts"/> in a window, oldest first, as <see cref="TicksAsync"/> gives
    /// them one host at a time; a host without ticks maps to an empty list. Stores should answer it in one query (a
    /// ranking of 200 hosts); this default asks host by host.
    /// </summary>
    async Task<IReadOnlyDictionary<string, IReadOnlyList<TickRecord>>> TicksOfHostsAsync(IReadOnlyList<string> hosts, DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(hosts);
        var result = new Dictionary<string, IReadOnlyList<TickRecord>>(StringComparer.Ordinal);
        foreach (var host in hosts.Distinct(StringComparer.Ordinal))
        {
            result[host] = await TicksAsync(host, from, to, cancellationToken);
        }

        return result;
    }

    /// <summary>
    /// The ticks of every host of <paramref name="hosts"/> in a window, summarised (<see cref="TickRuns"/>: count, median
    /// spacing, runs split at spacings over <paramref name="maxGap"/>); a host without ticks maps to <see cref="TickRuns.None"/>.
    /// What a ranking needs of the ticks; stores should answer it without a record per tick. This default summarises
    /// <see cref="TicksOfHostsAsync"/>.
    /// </summary>
    async Task<IReadOnlyDictionary<string, TickRuns>> TickRunsOfHostsAsync(IReadOnlyList<string> hosts, DateTimeOffset from, DateTimeOffset to, TimeSpan maxGap, CancellationToken cancellationToken)
    {
        var ticks = await TicksOfHostsAsync(hosts, from, to, cancellationToken);
        return ticks.ToDictionary(t => t.Key, t => TickRuns.Of([.. t.Value.Select(x => x.Time)], maxGap), StringComparer.Ordinal);
    }

    /// <summary>The series of a host that match <paramref name="query"/>, each averaged over the query's step; raw samples
    /// where they are kept, 5-minute rollups before that.</summary>
    Task<IReadOnlyList<StoredSeries>> SeriesAsync(SeriesQuery query, CancellationToken cancellationToken);

    /// <summary>
    /// One series (<paramref name="metric"/> with <paramref name="instance"/>) of every host of <paramref name="hosts"/>
    /// over a window, averaged over <paramref name="step"/>, as <see cref="SeriesAsync"/> gives it for one host; hosts
    /// without points are left out. Stores should answer it in one query (a ranking of 200 hosts); this default asks
    /// host by host.
    /// </summary>
    async Task<IReadOnlyList<HostSeries>> SeriesOfHostsAsync(IReadOnlyList<string> hosts, string metric, string instance, DateTimeOffset from, DateTimeOffset to, TimeSpan step, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(hosts);
        var result = new List<HostSeries>();
        foreach (var host in hosts.Distinct(StringComparer.Ordinal))
        {
            var points = (await SeriesAsync(new SeriesQuery(host, metric, instance, from, to, step), cancellationToken)).SelectMany(s => s.Points).ToList();
            if (points.Count > 0)
            {
                result.Add(new HostSeries(host, points));
            }
        }

        return result;
    }

    /// <summary>
    /// What <see cref="SeriesOfHostsAsync"/> gives, each host's points reduced by <paramref name="reduce"/> to one figure
    /// as they are read (a ranking needs each host's aggregate and trend, not its points): hosts without points are left
    /// out, the others come once each in the order asked. Stores should hand each series' points from one buffer they
    /// reuse, so a ranking of 200 hosts keeps none of its 12,000 points; this default reduces
    /// <see cref="SeriesOfHostsAsync"/>'s.
    /// </summary>
    async Task<IReadOnlyList<(string Host, T Figure)>> ReduceSeriesOfHostsAsync<T>(IReadOnlyList<string> hosts, string metric, string instance, DateTimeOffset from, DateTimeOffset to, TimeSpan step, SeriesReducer<T> reduce, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(reduce);
        var result = new List<(string Host, T Figure)>();
        foreach (var series in await SeriesOfHostsAsync(hosts, metric, instance, from, to, step, cancellationToken))
        {
            result.Add((series.Host, reduce(HistoryMath.Span(series.Points))));
        }

        return result;
    }

    /// <summary>Row counts, for <c>bastion doctor</c>; null when the store cannot count them cheaply enough.</summary>
    Task<HistoryStoreRows?> RowsAsync(CancellationToken cancellationToken) => Task.FromResult<HistoryStoreRows?>(null);

    /// <summary>The top processes of a host's ticks in a window, newest first, at most <paramref name="limit"/>.</summary>
    Task<IReadOnlyList<ProcessesAt>> ProcessesAsync(string host, DateTimeOffset from, DateTimeOffset to, int limit, CancellationToken cancellationToken);

    /// <summary>Rolls complete 5-minute buckets up and deletes what is older than the retention; cheap when there is nothing to do.</summary>
    Task<MaintenanceResult> MaintainAsync(CancellationToken cancellationToken);
}
