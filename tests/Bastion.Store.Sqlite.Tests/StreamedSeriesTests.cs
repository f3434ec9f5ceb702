using Bastion.Core.History;

namespace Bastion.Store.Sqlite.Tests;

/// <summary>
/// The series the store streams out of its chunks (rollup and sample chunks merged in one read, one series finished
/// before the next) are, point for point and to the last bit, the straightforward grouping of the samples written into
/// steps: random values, hosts sampled every 30 and 60 s, gaps, a host that stops answering, raw samples pruned and
/// rolled up, windows that start and end inside an hour's chunk and a second's milliseconds; and handed to a reducer
/// from the store's reused buffer, they are the same points.
/// </summary>
public sealed class StreamedSeriesTests
{
    private static readonly CancellationToken None = CancellationToken.None;

    private static readonly string[] Metrics = ["cpu.busy_percent", "cpu.idle_percent"];

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    public async Task Series_EqualTheSamplesGroupedByStep_OnRandomDataWithGapsRollupsAndPrunedSamples(int seed)
    {
        var random = new Random(seed);
        using var f = new StoreFixture(new HistoryOptions { RawRetention = TimeSpan.FromHours(3), RollupRetention = TimeSpan.FromDays(30) });
        var written = new Dictionary<(string Host, string Metric), List<(long Ts, long V)>>();
        var start = StoreFixture.Start.ToUnixTimeSeconds();
        for (var half = 0; half < 12 * 60; half++)
        {
            if (half == 9 * 60)
            {
                await f.Store.MaintainAsync(None); // 04:30: rolled up to 04:30, raw samples kept from 01:30
            }

            var at = f.Clock.GetUtcNow();
            var ticks = new List<HostTick>();
            foreach (var host in (string[])["h1", "h2", "h3", "h4"])
            {
                var minute = half / 2;
                var skip = host switch
                {
                    "h1" => half % 2 == 1,
                    "h2" => false, // every 30 s: two samples in each minute's step
                    "h3" => half % 2 == 1 || minute is >= 100 and < 160 || random.Next(10) == 0,
                    _ => half % 2 == 1,
                };
                if (skip)
                {
                    continue;
                }

                if (host == "h4" && minute >= 120)
                {
                    ticks.Add(HostTick.Missed(host, at, TickStatus.Unreachable, "connection refused"));
                    continue;
                }

                var values = Metrics.Select(m => new MetricValue(m, "", random.Next(-50_000, 150_000) / 1000.0)).ToList();
                foreach (var v in values)
                {
                    SamplesOf(written, host, v.Metric).Add((at.ToUnixTimeSeconds(), (long)Math.Round(v.Value * 1000)));
                }

                ticks.Add(new HostTick(host, at, TickStatus.Ok, null, values, [], []));
            }

            await f.Store.WriteAsync(ticks, None);
            f.Clock.Advance(TimeSpan.FromSeconds(30));
        }

        var (pruned, rolled) = (start + 90 * 60, start + 270 * 60);
        string[] asked = ["h4", "ghost", "h2", "h1", "h3"];
        for (var round = 0; round < 60; round++)
        {
            var from = StoreFixture.Start.AddMilliseconds(random.Next(-600_000, 22_200_000));
            var to = from.AddMilliseconds(random.Next(1_000, 21_600_000));
            var step = TimeSpan.FromSeconds(((int[])[1, 30, 60, 90, 300, 600, 900, 3600, 7200])[random.Next(9)]);

            var all = await f.Store.SeriesOfHostsAsync(asked, "cpu.busy_percent", "", from, to, step, None);

            var expected = asked
                .Select(h => (Host: h, Points: Expected(written, pruned, rolled, h, "cpu.busy_percent", from, to, step)))
                .Where(h => h.Points.Count > 0).ToList();
            all.Select(s => s.Host).ShouldBe(expected.Select(e => e.Host), $"{from:O} {to:O} {step}");
            for (var i = 0; i < all.Count; i++)
            {
                Bits(all[i].Points).ShouldBe(Bits(expected[i].Points), $"{all[i].Host} {from:O} {to:O} {step}");
            }

            // Reduced from the store's reused buffer, a host at a time: the same points.
            var reduced = await f.Store.ReduceSeriesOfHostsAsync(asked, "cpu.busy_percent", "", from, to, step, p => p.ToArray(), None);
            reduced.Select(r => r.Host).ShouldBe(all.Select(s => s.Host));
            for (var i = 0; i < all.Count; i++)
            {
                Bits(reduced[i].Figure).ShouldBe(Bits(all[i].Points), $"reduced {all[i].Host} {from:O} {to:O} {step}");
            }

            var host = asked[random.Next(asked.Length)];
            var family = await f.Store.SeriesAsync(new SeriesQuery(host, "cpu.", null, from, to, step), None);
            var wanted = Metrics.Select(m => (Metric: m, Points: Expected(written, pruned, rolled, host, m, from, to, step))).Where(s => s.Points.Count > 0).ToList();
            family.Select(s => s.Metric).ShouldBe(wanted.Select(w => w.Metric));
            for (var i = 0; i < family.Count; i++)
            {
                Bits(family[i].Points).ShouldBe(Bits(wanted[i].Points), $"{host} {family[i].Metric} {from:O} {to:O} {step}");
            }
        }
    }

    private static List<(long Ts, long V)> SamplesOf(Dictionary<(string Host, string Metric), List<(long Ts, long V)>> written, string host, string metric)
    {
        if (!written.TryGetValue((host, metric), out var list))
        {
            written[(host, metric)] = list = [];
        }

        return list;
    }

    /// <summary>The points of one series as the store is to answer them, worked out from the samples written: 5-minute
    /// rollups (min, average rounded to the thousandth, max, count) of what came before <paramref name="rolled"/>, raw
    /// samples from <paramref name="pruned"/> on; rollups only at steps of whole buckets, where they stand in for the raw
    /// samples of the buckets that start in the window; each step's rows summed by counts.</summary>
    private static List<StoredPoint> Expected(Dictionary<(string Host, string Metric), List<(long Ts, long V)>> written, long pruned, long rolled, string host, string metric, DateTimeOffset from, DateTimeOffset to, TimeSpan step)
    {
        if (!written.TryGetValue((host, metric), out var samples))
        {
            return [];
        }

        var stepS = (long)step.TotalSeconds;
        var f = (long)Math.Floor(from.ToUnixTimeMilliseconds() / 1000.0);
        var u = (long)Math.Ceiling(to.ToUnixTimeMilliseconds() / 1000.0);
        var rolledS = stepS % 300 == 0 ? rolled : 0;
        var rawFrom = Math.Max(pruned, rolledS);
        var rollupFrom = rolledS > pruned ? (f + 299) / 300 * 300 : f;
        var rollupTo = Math.Min(u, rawFrom);
        var (gapFrom, gapTo) = (rawFrom > pruned ? rollupFrom : f, rawFrom);
        var steps = new SortedDictionary<long, (long Sum, long N, long Min, long Max, bool Rollup)>();
        void Add(long ts, long sum, long n, long min, long max, bool rollup)
        {
            var key = ts / stepS * stepS;
            steps[key] = steps.TryGetValue(key, out var s)
                ? (s.Sum + sum, s.N + n, Math.Min(s.Min, min), Math.Max(s.Max, max), s.Rollup || rollup)
                : (sum, n, min, max, rollup);
        }

        foreach (var bucket in samples.Where(s => s.Ts < rolled).GroupBy(s => s.Ts / 300 * 300))
        {
            if (bucket.Key >= rollupFrom && bucket.Key < rollupTo)
            {
                var n = bucket.Count();
                var avg = (long)Math.Round(bucket.Sum(s => s.V) / (double)n, MidpointRounding.AwayFromZero);
                Add(bucket.Key, avg * n, n, bucket.Min(s => s.V), bucket.Max(s => s.V), rollup: true);
            }
        }

        foreach (var (ts, v) in samples)
        {
            if (ts >= Math.Max(f, pruned) && ts < u && (ts >= gapTo || ts < gapFrom))
            {
                Add(ts, v, 1, v, v, rollup: false);
            }
        }

        return steps.Select(s => new StoredPoint(DateTimeOffset.FromUnixTimeSeconds(s.Key), s.Value.Sum / (double)s.Value.N / 1000, s.Value.Min / 1000.0, s.Value.Max / 1000.0, s.Value.Rollup)).ToList();
    }

    private static List<(DateTimeOffset, long, long, long, bool)> Bits(IReadOnlyList<StoredPoint> points) =>
        points.Select(p => (p.Time, BitConverter.DoubleToInt64Bits(p.Avg), BitConverter.DoubleToInt64Bits(p.Min), BitConverter.DoubleToInt64Bits(p.Max), p.Rollup)).ToList();
}
