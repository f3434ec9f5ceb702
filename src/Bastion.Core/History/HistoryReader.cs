using Bastion.Core.FanOut;
using Bastion.Core.Inventory;

namespace Bastion.Core.History;

/// <summary>
/// Answers history questions: a host's series over a window with a summary and its coverage, and a ranking of hosts by
/// one figure. Bastion's store (<see cref="CollectorHistorySource"/>) is asked first; every other source that serves the
/// host (<see cref="IHistorySource"/>: sysstat data on the host, the platform's own history) is then asked, in the order
/// registered, only for the parts of the window no source before it covered. Every series names its source. Reads only;
/// any process may run it beside the one collector.
/// </summary>
public sealed class HistoryReader(IInventory inventory, IHistoryStore store, HistoryOptions options, FanOutOptions fanOut, TimeProvider clock, IEnumerable<IHistorySource>? sources = null)
{
    /// <summary>Source name of the figures of Bastion's own store.</summary>
    public const string Source = CollectorHistorySource.SourceName;

    /// <summary>Most points a series has when the step is automatic.</summary>
    public const int MaxPoints = 120;

    /// <summary>Most hosts one history answer covers.</summary>
    public const int MaxHosts = 20;

    /// <summary>Most series one host's answer carries.</summary>
    public const int MaxSeriesPerHost = 60;

    private const int MaxSpans = 20;

    private readonly CollectorHistorySource _collector = new(store, options);

    private readonly IReadOnlyList<IHistorySource> _others = [.. (sources ?? []).Where(s => s.Name != CollectorHistorySource.SourceName)];

    /// <summary>The series of <paramref name="metrics"/> for each host of <paramref name="target"/> over [since, until);
    /// the hosts are those the call pipeline resolved <paramref name="target"/> to (<paramref name="call"/>, so the
    /// expression is resolved once), else resolved here.</summary>
    /// <exception cref="BastionException">A bad target, metric, time or step, or since not before until.</exception>
    public async Task<HistoryAnswer> HistoryAsync(string target, IReadOnlyList<string> metrics, string? since, string? until, string? step, CallTargets? call, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(metrics);
        var notes = new List<string>();
        var families = Families(metrics);
        var (from, to) = Window(since, until);
        var hosts = Hosts(target, call);
        if (hosts.Count > MaxHosts)
        {
            notes.Add($"The target selects {hosts.Count} hosts; history is given for the first {MaxHosts}. Narrow the target, or use metrics_top to find the hosts worth a look.");
            hosts = hosts.Take(MaxHosts).ToList();
        }

        var settings = await store.SettingsAsync(cancellationToken);
        var interval = settings.SampleInterval ?? options.Interval;
        var stepSpan = Step(step, from, to, interval, notes);
        if (from < settings.RawKeptFrom)
        {
            notes.Add($"Raw samples are kept from {settings.RawKeptFrom:u}; points before that are 5-minute rollups.");
        }

        var answers = new List<HostHistory>();
        foreach (var host in hosts)
        {
            answers.Add(await HostAsync(host, families, from, to, stepSpan, interval, notes, cancellationToken));
        }

        if (answers.All(a => a.Series.Count == 0))
        {
            // Only an answer without a series says why, from the store's oldest and newest tick (a walk of every host's).
            var info = await store.InfoAsync(cancellationToken);
            if (info.Oldest is null)
            {
                notes.Add("The history store is empty: no collector has written to this data directory yet (bastion serve starts one; bastion collect runs one alone).");
            }
            else if (answers.All(a => a.Coverage.Ticks == 0))
            {
                notes.Add($"No samples in this window; the store holds {info.Oldest:u} to {info.Newest:u}.");
            }
        }

        return new HistoryAnswer(from, to, stepSpan.TotalSeconds, settings.SampleInterval?.TotalSeconds, answers, notes);
    }

    /// <summary>The top <paramref name="limit"/> hosts of <paramref name="target"/> by <paramref name="metric"/> aggregated
    /// over the window; the hosts are those the call pipeline resolved (<paramref name="call"/>), else resolved here.</summary>
    /// <exception cref="BastionException">A bad target, metric, aggregate, window or time.</exception>
    public async Task<TopAnswer> TopAsync(string target, string metric, string aggregate, string? window, string? until, int limit, CallTargets? call, CancellationToken cancellationToken)
    {
        if (!HistoryMetrics.Rankings.TryGetValue(metric, out var series))
        {
            throw new BastionException($"metric '{Limits.Clip(metric, 40)}' cannot be ranked. Accepted: {string.Join(", ", HistoryMetrics.Rankings.Keys)}.");
        }

        SeriesReducer<double> combine = aggregate switch
        {
            "avg" => HistoryMath.Mean,
            "max" => HistoryMath.Max,
            "p95" => p => HistoryMath.Percentile(p, 95),
            "last" => p => p[^1].Avg,
            _ => throw new BastionException($"aggregate '{Limits.Clip(aggregate, 40)}' is not known. Accepted: avg, max, p95, last."),
        };
        SeriesReducer<Ranking> rank = p => new Ranking(Math.Round(combine(p), 3), Math.Round(HistoryMath.TrendPerHour(p), 3), p.Length, p[^1].Avg);
        var length = HistoryTime.Duration(window) ?? throw new BastionException($"window '{Limits.Clip(window ?? string.Empty, 40)}' is not a duration. Accepted: a number with s, m, h or d, e.g. 30m, 1h, 7d.");
        var to = HistoryTime.Parse(until, clock.GetUtcNow(), "until");
        var from = to - length;
        var hosts = Hosts(target, call);
        var interval = (await store.SettingsAsync(cancellationToken)).SampleInterval ?? options.Interval;
        var step = interval;
        var notes = new List<string>();
        if ((to - from).TotalSeconds / step.TotalSeconds > 2000)
        {
            step = TimeSpan.FromSeconds(Math.Ceiling((to - from).TotalSeconds / 2000));
            notes.Add($"Over a window this long each host's samples are first averaged over {step.TotalSeconds:0} s steps.");
        }

        var ranked = new List<(string Host, double Value, double Trend, int Samples, double Last, string Source)>(hosts.Count);
        var without = new List<string>();
        var query = new SourceQuery([series.Metric], series.Instance, from, to, step);
        // Bastion's store ranks every host in one query, each host's points reduced to its figures as they are read, and
        // tells what it covered from its tick summaries; only a host that another source may fill in is read again, point
        // by point, and merged.
        // The store's readers take each name once, however often it is asked.
        List<string> names = [.. hosts.Select(h => h.Name)];
        var figures = (await store.ReduceSeriesOfHostsAsync(names, series.Metric, series.Instance, from, to, step, rank, cancellationToken))
            .ToDictionary(f => f.Host, f => f.Figure, StringComparer.Ordinal);
        var covered = await _collector.CoveredManyAsync(names, query, interval, cancellationToken);
        foreach (var host in hosts)
        {
            Ranking? figure = figures.TryGetValue(host.Name, out var f) ? f : null;
            var source = Source;
            if (MayFill(host, query, covered[host.Name]))
            {
                // A host the store gave no figure has no points in the window: what it covered is all it has to merge.
                var collected = figure is null ? covered[host.Name] : (await _collector.ReadManyAsync([host], query, interval, cancellationToken))[host.Name];
                var merged = await MergeAsync(host, query, notes, collected, cancellationToken);
                // One series (the collector's alone) is in time order already.
                IReadOnlyList<StoredPoint> points = merged.Series.Count == 1
                    ? merged.Series[0].Series.Points
                    : [.. merged.Series.SelectMany(s => s.Series.Points).OrderBy(p => p.Time)];
                figure = points.Count == 0 ? null : rank(HistoryMath.Span(points));
                source = SourceOf(merged);
            }

            if (figure is not { } r)
            {
                without.Add(host.Name);
                continue;
            }

            ranked.Add((host.Name, r.Value, r.Trend, r.Samples, r.Last, source));
        }

        // Only a ranking of nobody says why, from the store's oldest tick (a walk of every host's).
        if (ranked.Count == 0 && (await store.InfoAsync(cancellationToken)).Oldest is null)
        {
            notes.Add("The history store is empty: no collector has written to this data directory yet.");
        }

        var top = ranked.OrderByDescending(r => r.Value).ThenBy(r => r.Host, StringComparer.Ordinal).Take(limit)
            .Select((r, i) => new TopEntry(i + 1, r.Host, r.Value, r.Trend, r.Samples, r.Last, r.Source)).ToList();
        return new TopAnswer(metric, series.Metric + (series.Instance.Length > 0 ? $"[{series.Instance}]" : string.Empty), aggregate, from, to, top, ranked.Count, without.Take(50).ToList(), notes);
    }

    private async Task<HostHistory> HostAsync(Host host, IReadOnlyList<string> families, DateTimeOffset from, DateTimeOffset to, TimeSpan step, TimeSpan interval, List<string> notes, CancellationToken cancellationToken)
    {
        var wanted = families.Where(f => f != "processes").Select(f => f + ".").ToList();
        var query = new SourceQuery(wanted, null, from, to, step);
        var merged = await MergeAsync(host, query, notes, await _collector.ReadAsync(host, query, interval, cancellationToken), cancellationToken);
        var series = merged.Series
            .Select(s => new HistorySeries(
                s.Series.Metric,
                s.Series.Instance,
                s.Source,
                HistoryMath.Summarize(s.Series.Points),
                s.Series.Points.Select(p => new HistoryPoint(p.Time.ToUnixTimeSeconds(), Math.Round(p.Avg, 3))).ToList()))
            .ToList();
        if (series.Count > MaxSeriesPerHost)
        {
            notes.Add($"{host.Name}: showing {MaxSeriesPerHost} of {series.Count} series; ask for fewer metrics to see the others.");
            series = series.Take(MaxSeriesPerHost).ToList();
        }

        IReadOnlyList<ProcessesAt> processes = [];
        if (families.Contains("processes"))
        {
            processes = (await store.ProcessesAsync(host.Name, from, to, 2000, cancellationToken))
                .OrderByDescending(p => p.TopByCpu.Sum(x => x.CpuPercent ?? 0)).ThenByDescending(p => p.Time)
                .Take(5).OrderBy(p => p.Time).ToList();
        }

        var coverage = merged.Coverage ?? new HistoryCoverage(null, null, 0, 0, [], []);
        return new HostHistory(host.Name, SourceOf(merged), coverage, series, processes, merged.Sources);
    }

    private IReadOnlyList<Host> Hosts(string target, CallTargets? call) =>
        call?.Resolve(target) ?? TargetSelector.Resolve(target, inventory.Hosts, fanOut.MaxHosts);

    private static string SourceOf(MergedHistory merged) => merged.Series.Count switch
    {
        0 => Source,
        1 => merged.Series[0].Source,
        _ => string.Join("+", merged.Series.Select(s => s.Source).Distinct(StringComparer.Ordinal)),
    };

    /// <summary>True when <see cref="MergeAsync"/> would ask another source for part of the window: one serves the host
    /// and the collector left part of the window uncovered (<paramref name="collected"/>). Else the collector's series is
    /// the host's history as it is.</summary>
    private bool MayFill(Host host, SourceQuery query, SourceReading collected) =>
        !(collected.Covered is [var all] && all.From <= query.From && all.To >= query.To)
        && _others.Any(s => s.Serves(host)) && Subtract([(query.From, query.To)], collected.Covered).Count > 0;

    /// <summary>Takes what Bastion's store gave (<paramref name="collected"/>), then asks each other source serving the
    /// host for what is still uncovered. A host no other source serves (every host of a ranking, as a rule) costs no
    /// more than taking the store's series.</summary>
    private async Task<MergedHistory> MergeAsync(Host host, SourceQuery query, List<string> notes, SourceReading collected, CancellationToken cancellationToken)
    {
        var series = new List<(string Source, StoredSeries Series)>(collected.Series.Count);
        foreach (var s in collected.Series)
        {
            if (s.Points.Count > 0)
            {
                series.Add((Source, s));
            }
        }

        var consulted = new List<SourceCoverage> { new(Source, query.From, query.To, Last(collected.Covered), series.Count, collected.Note) };
        var coverage = collected.Coverage;
        List<(DateTimeOffset From, DateTimeOffset To)>? uncovered = null;
        foreach (var source in _others)
        {
            if (!source.Serves(host))
            {
                continue;
            }

            uncovered ??= Subtract([(query.From, query.To)], collected.Covered);
            if (uncovered.Count == 0)
            {
                break;
            }

            var asked = query with { From = uncovered.Min(u => u.From), To = uncovered.Max(u => u.To) };
            SourceReading reading;
            try
            {
                reading = await source.ReadAsync(host, asked, cancellationToken);
            }
            catch (Exception e) when (e is BastionException or HttpRequestException || (e is OperationCanceledException && !cancellationToken.IsCancellationRequested))
            {
                reading = SourceReading.Nothing(e is OperationCanceledException ? "no answer in time" : e.Message);
                notes.Add($"{host.Name}: {source.Name} history could not be read: {Limits.Clip(reading.Note!, 300)}");
            }

            coverage ??= reading.Coverage;
            var gave = 0;
            foreach (var s in reading.Series)
            {
                var points = s.Points.Where(p => uncovered.Any(u => p.Time + query.Step > u.From && p.Time < u.To)).ToList();
                if (points.Count > 0)
                {
                    series.Add((source.Name, s with { Points = points }));
                    gave++;
                }
            }

            consulted.Add(new SourceCoverage(source.Name, asked.From, asked.To, Last(reading.Covered), gave, reading.Note));
            uncovered = Subtract(uncovered, reading.Covered);
        }

        return new MergedHistory(series, consulted, coverage);
    }

    /// <summary>The last <see cref="MaxSpans"/> spans (the spans themselves when there are no more).</summary>
    private static IReadOnlyList<HistorySpan> Last(IReadOnlyList<HistorySpan> spans) =>
        spans.Count <= MaxSpans ? spans : spans.TakeLast(MaxSpans).ToList();

    private static List<(DateTimeOffset From, DateTimeOffset To)> Subtract(List<(DateTimeOffset From, DateTimeOffset To)> spans, IReadOnlyList<HistorySpan> covered)
    {
        foreach (var c in covered)
        {
            var next = new List<(DateTimeOffset From, DateTimeOffset To)>();
            foreach (var (f, t) in spans)
            {
                if (c.To <= f || c.From >= t)
                {
                    next.Add((f, t));
                    continue;
                }

                if (c.From > f)
                {
                    next.Add((f, c.From));
                }

                if (c.To < t)
                {
                    next.Add((c.To, t));
                }
            }

            spans = next;
        }

        return spans;
    }

    /// <summary>A host's place in a ranking: the aggregate and the trend per hour (both rounded to three decimals), the
    /// number of points and the last point's value.</summary>
    private readonly record struct Ranking(double Value, double Trend, int Samples, double Last);

    private sealed record MergedHistory(IReadOnlyList<(string Source, StoredSeries Series)> Series, IReadOnlyList<SourceCoverage> Sources, HistoryCoverage? Coverage);

    private static List<string> Families(IReadOnlyList<string> metrics)
    {
        var asked = metrics.SelectMany(m => m.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            .Select(m => m.ToLowerInvariant()).Distinct(StringComparer.Ordinal).ToList();
        if (asked.Count == 0)
        {
            return ["cpu", "load", "memory"];
        }

        if (asked.FirstOrDefault(m => !HistoryMetrics.Families.Contains(m)) is { } unknown)
        {
            throw new BastionException($"metric '{Limits.Clip(unknown, 40)}' is not known. Accepted: {string.Join(", ", HistoryMetrics.Families)}.");
        }

        return asked;
    }

    private (DateTimeOffset From, DateTimeOffset To) Window(string? since, string? until)
    {
        var now = clock.GetUtcNow();
        var to = HistoryTime.Parse(until, now, "until");
        var from = HistoryTime.Parse(string.IsNullOrWhiteSpace(since) ? "-1h" : since, now, "since");
        return from < to ? (from, to) : throw new BastionException($"since ({from:u}) must be before until ({to:u}).");
    }

    private static TimeSpan Step(string? step, DateTimeOffset from, DateTimeOffset to, TimeSpan interval, List<string> notes)
    {
        var auto = TimeSpan.FromSeconds(Math.Max(interval.TotalSeconds, Math.Ceiling((to - from).TotalSeconds / MaxPoints)));
        if (auto > HistoryOptions.RollupBucket)
        {
            // Whole rollup buckets, so the store can answer from its 5-minute rollups instead of every raw sample.
            auto = HistoryOptions.RollupBucket * Math.Ceiling(auto / HistoryOptions.RollupBucket);
        }

        if (string.IsNullOrWhiteSpace(step) || step.Trim().Equals("auto", StringComparison.OrdinalIgnoreCase))
        {
            return auto;
        }

        var asked = HistoryTime.Duration(step) ?? throw new BastionException($"step '{Limits.Clip(step, 40)}' is not a duration. Accepted: auto, or a number with s, m, h or d, e.g. 60s, 5m, 1h.");
        if (asked < interval)
        {
            notes.Add($"step {asked.TotalSeconds:0.#} s is below the sample interval; clamped to {interval.TotalSeconds:0.#} s.");
            asked = interval;
        }

        if ((to - from) / asked > 1000)
        {
            var wider = TimeSpan.FromSeconds(Math.Ceiling((to - from).TotalSeconds / 1000));
            notes.Add($"step {asked.TotalSeconds:0.#} s would give more than 1000 points per series; widened to {wider.TotalSeconds:0} s.");
            asked = wider;
        }

        return asked;
    }
}
