using Bastion.Core.FanOut;
using Bastion.Core.Inventory;

namespace Bastion.Core.History;

/// <summary>
/// Answers history questions from the store: a host's series over a window with a summary and its coverage, and a
/// ranking of hosts by one figure. Reads only; any process may run it beside the one collector.
/// </summary>
public sealed class HistoryReader(IInventory inventory, IHistoryStore store, HistoryOptions options, FanOutOptions fanOut, TimeProvider clock)
{
    /// <summary>Source name of the figures this reader gives.</summary>
    public const string Source = "bastion-collector";

    /// <summary>Most points a series has when the step is automatic.</summary>
    public const int MaxPoints = 120;

    /// <summary>Most hosts one history answer covers.</summary>
    public const int MaxHosts = 20;

    /// <summary>Most series one host's answer carries.</summary>
    public const int MaxSeriesPerHost = 60;

    private const int MaxSpans = 20;

    /// <summary>The series of <paramref name="metrics"/> for each host of <paramref name="target"/> over [since, until).</summary>
    /// <exception cref="BastionException">A bad target, metric, time or step, or since not before until.</exception>
    public async Task<HistoryAnswer> HistoryAsync(string target, IReadOnlyList<string> metrics, string? since, string? until, string? step, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(metrics);
        var notes = new List<string>();
        var families = Families(metrics);
        var (from, to) = Window(since, until);
        var hosts = TargetSelector.Resolve(target, inventory.Hosts, fanOut.MaxHosts);
        if (hosts.Count > MaxHosts)
        {
            notes.Add($"The target selects {hosts.Count} hosts; history is given for the first {MaxHosts}. Narrow the target, or use metrics_top to find the hosts worth a look.");
            hosts = hosts.Take(MaxHosts).ToList();
        }

        var info = await store.InfoAsync(cancellationToken);
        var interval = info.SampleInterval ?? options.Interval;
        var stepSpan = Step(step, from, to, interval, notes);
        if (from < info.RawKeptFrom)
        {
            notes.Add($"Raw samples are kept from {info.RawKeptFrom:u}; points before that are 5-minute rollups.");
        }

        var answers = new List<HostHistory>();
        foreach (var host in hosts)
        {
            answers.Add(await HostAsync(host.Name, families, from, to, stepSpan, interval, notes, cancellationToken));
        }

        if (info.Oldest is null)
        {
            notes.Add("The history store is empty: no collector has written to this data directory yet (bastion serve starts one; bastion collect runs one alone).");
        }
        else if (answers.All(a => a.Coverage.Ticks == 0))
        {
            notes.Add($"No samples in this window; the store holds {info.Oldest:u} to {info.Newest:u}.");
        }

        return new HistoryAnswer(from, to, stepSpan.TotalSeconds, info.SampleInterval?.TotalSeconds, answers, notes);
    }

    /// <summary>The top <paramref name="limit"/> hosts of <paramref name="target"/> by <paramref name="metric"/> aggregated over the window.</summary>
    /// <exception cref="BastionException">A bad target, metric, aggregate, window or time.</exception>
    public async Task<TopAnswer> TopAsync(string target, string metric, string aggregate, string? window, string? until, int limit, CancellationToken cancellationToken)
    {
        if (!HistoryMetrics.Rankings.TryGetValue(metric, out var series))
        {
            throw new BastionException($"metric '{Limits.Clip(metric, 40)}' cannot be ranked. Accepted: {string.Join(", ", HistoryMetrics.Rankings.Keys)}.");
        }

        Func<IReadOnlyList<(DateTimeOffset Time, double Value)>, double> combine = aggregate switch
        {
            "avg" => p => p.Average(x => x.Value),
            "max" => p => p.Max(x => x.Value),
            "p95" => p => HistoryMath.Percentile(p.Select(x => x.Value).ToList(), 95),
            "last" => p => p[^1].Value,
            _ => throw new BastionException($"aggregate '{Limits.Clip(aggregate, 40)}' is not known. Accepted: avg, max, p95, last."),
        };
        var length = HistoryTime.Duration(window) ?? throw new BastionException($"window '{Limits.Clip(window ?? string.Empty, 40)}' is not a duration. Accepted: a number with s, m, h or d, e.g. 30m, 1h, 7d.");
        var to = HistoryTime.Parse(until, clock.GetUtcNow(), "until");
        var from = to - length;
        var hosts = TargetSelector.Resolve(target, inventory.Hosts, fanOut.MaxHosts);
        var info = await store.InfoAsync(cancellationToken);
        var step = info.SampleInterval ?? options.Interval;
        var notes = new List<string>();
        if ((to - from).TotalSeconds / step.TotalSeconds > 2000)
        {
            step = TimeSpan.FromSeconds(Math.Ceiling((to - from).TotalSeconds / 2000));
            notes.Add($"Over a window this long each host's samples are first averaged over {step.TotalSeconds:0} s steps.");
        }

        var ranked = new List<(string Host, double Value, double Trend, int Samples, double Last)>();
        var without = new List<string>();
        // Every host's series in one query, however many hosts the target selects.
        var found = (await store.SeriesOfHostsAsync(hosts.Select(h => h.Name).ToList(), series.Metric, series.Instance, from, to, step, cancellationToken))
            .ToDictionary(s => s.Host, StringComparer.Ordinal);
        foreach (var host in hosts)
        {
            if (!found.TryGetValue(host.Name, out var hostSeries) || hostSeries.Points.Count == 0)
            {
                without.Add(host.Name);
                continue;
            }

            var points = hostSeries.Points.OrderBy(p => p.Time).Select(p => (p.Time, p.Avg)).ToList();
            ranked.Add((host.Name, Math.Round(combine(points), 3), Math.Round(HistoryMath.TrendPerHour(points), 3), points.Count, points[^1].Avg));
        }

        if (info.Oldest is null)
        {
            notes.Add("The history store is empty: no collector has written to this data directory yet.");
        }

        var top = ranked.OrderByDescending(r => r.Value).ThenBy(r => r.Host, StringComparer.Ordinal).Take(limit)
            .Select((r, i) => new TopEntry(i + 1, r.Host, r.Value, r.Trend, r.Samples, r.Last)).ToList();
        return new TopAnswer(metric, series.Metric + (series.Instance.Length > 0 ? $"[{series.Instance}]" : string.Empty), aggregate, from, to, top, ranked.Count, without.Take(50).ToList(), notes);
    }

    private async Task<HostHistory> HostAsync(string host, IReadOnlyList<string> families, DateTimeOffset from, DateTimeOffset to, TimeSpan step, TimeSpan interval, List<string> notes, CancellationToken cancellationToken)
    {
        var coverage = Coverage(await store.TicksAsync(host, from, to, cancellationToken), from, to, interval);
        var series = new List<HistorySeries>();
        foreach (var family in families.Where(f => f != "processes"))
        {
            foreach (var s in await store.SeriesAsync(new SeriesQuery(host, family + ".", null, from, to, step), cancellationToken))
            {
                var points = s.Points.Select(p => (p.Time, p.Avg)).ToList();
                series.Add(new HistorySeries(s.Metric, s.Instance, HistoryMath.Summarize(points), s.Points.Select(p => new HistoryPoint(p.Time, Math.Round(p.Avg, 3))).ToList()));
            }
        }

        if (series.Count > MaxSeriesPerHost)
        {
            notes.Add($"{host}: showing {MaxSeriesPerHost} of {series.Count} series; ask for fewer metrics to see the others.");
            series = series.Take(MaxSeriesPerHost).ToList();
        }

        IReadOnlyList<ProcessesAt> processes = [];
        if (families.Contains("processes"))
        {
            processes = (await store.ProcessesAsync(host, from, to, 2000, cancellationToken))
                .OrderByDescending(p => p.TopByCpu.Sum(x => x.CpuPercent ?? 0)).ThenByDescending(p => p.Time)
                .Take(5).OrderBy(p => p.Time).ToList();
        }

        return new HostHistory(host, Source, coverage, series, processes);
    }

    private static HistoryCoverage Coverage(IReadOnlyList<TickRecord> ticks, DateTimeOffset from, DateTimeOffset to, TimeSpan interval)
    {
        var gaps = new List<HistorySpan>();
        var down = new List<HistorySpan>();
        // A host of a group sampled on a longer interval of its own: its usual spacing (the median) is not a gap.
        var spacing = ticks.Count < 3 ? interval : ticks.Skip(1).Select((t, i) => t.Time - ticks[i].Time).Order().ElementAt((ticks.Count - 1) / 2);
        var limit = (spacing > interval ? spacing : interval) * 2.5;
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
