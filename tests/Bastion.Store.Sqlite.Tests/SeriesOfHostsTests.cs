using Bastion.Core.FanOut;
using Bastion.Core.History;
using Bastion.Core.Inventory;

namespace Bastion.Store.Sqlite.Tests;

/// <summary>The ranking's one query over every host gives what the host-by-host reading gives.</summary>
public sealed class SeriesOfHostsTests
{
    private static readonly CancellationToken None = CancellationToken.None;

    [Fact]
    public async Task SeriesOfHosts_GivesEachHostsOwnPoints_LikeTheQueryPerHost()
    {
        using var f = new StoreFixture();
        for (var minute = 0; minute < 12; minute++)
        {
            var at = f.Clock.GetUtcNow();
            await f.Store.WriteAsync([StoreFixture.Tick("web-01", at, minute), StoreFixture.Tick("web-02", at, 90 - minute, disk: 20), StoreFixture.Tick("db-01", at, 33.333)], None);
            f.Clock.Advance(TimeSpan.FromMinutes(1));
        }

        var (from, to, step) = (StoreFixture.Start, f.Clock.GetUtcNow(), TimeSpan.FromMinutes(5));
        var all = await f.Store.SeriesOfHostsAsync(["web-02", "web-01", "gone-01", "db-01"], "cpu.busy_percent", "", from, to, step, None);

        all.Select(s => s.Host).ShouldBe(["web-02", "web-01", "db-01"], "in the order asked, hosts without points left out");
        foreach (var host in all)
        {
            var alone = (await f.Store.SeriesAsync(new SeriesQuery(host.Host, "cpu.busy_percent", "", from, to, step), None)).ShouldHaveSingleItem();
            host.Points.ShouldBe(alone.Points);
        }

        all[1].Points.Select(p => p.Avg).ShouldBe([2, 7, 10.5]);
        all[0].Points.Select(p => p.Max).ShouldBe([90, 85, 80]);
        all[2].Points.ShouldAllBe(p => p.Avg == 33.333);
        (await f.Store.SeriesOfHostsAsync(["web-01", "web-02"], "disk.used_percent", "/", from, to, TimeSpan.FromHours(1), None))
            .Select(s => s.Points.Single().Avg).ShouldBe([50, 20]);
    }

    [Fact]
    public async Task MetricsTop_RanksEveryHost_FromTheOneQuery()
    {
        using var f = new StoreFixture();
        var hosts = Enumerable.Range(1, 30).Select(i => $"host{i:00}").ToList();
        for (var minute = 0; minute < 10; minute++)
        {
            await f.Store.WriteAsync(hosts.Select((h, i) => StoreFixture.Tick(h, f.Clock.GetUtcNow(), i + minute / 10.0)).ToList(), None);
            f.Clock.Advance(TimeSpan.FromMinutes(1));
        }

        var inventory = new ListInventory(hosts.Select(h => Host.Ssh(h, "127.0.0.1")).Append(Host.Ssh("idle-01", "127.0.0.1")).ToList());
        var reader = new HistoryReader(inventory, f.Store, new HistoryOptions(), new FanOutOptions(), f.Clock);

        var top = await reader.TopAsync("all", "cpu", "max", "15m", null, 3, null, None);

        top.Hosts.Select(h => (h.Host, h.Value)).ShouldBe([("host30", 29.9), ("host29", 28.9), ("host28", 27.9)]);
        top.Ranked.ShouldBe(30);
        top.WithoutData.ShouldBe(["idle-01"]);
        top.Hosts[0].Samples.ShouldBe(10);
        top.Hosts[0].TrendPerHour.ShouldBe(6, 0.01);
    }

    [Fact]
    public async Task MetricsTop_MergesAnotherSource_OnlyWhereTheCollectorLeftPartOfTheWindow()
    {
        using var f = new StoreFixture();
        await f.Store.SetSampleIntervalAsync(TimeSpan.FromMinutes(1), None);
        for (var minute = 0; minute < 30; minute++)
        {
            var at = f.Clock.GetUtcNow();
            var ticks = new List<HostTick> { StoreFixture.Tick("full-01", at, minute) };
            if (minute < 4)
            {
                ticks.Add(StoreFixture.Tick("gap-01", at, 10 + minute));
            }

            await f.Store.WriteAsync(ticks, None);
            f.Clock.Advance(TimeSpan.FromMinutes(1));
        }

        IReadOnlyList<(DateTimeOffset, double)> other = [.. Enumerable.Range(0, 30).Select(m => (StoreFixture.Start.AddMinutes(m), 100.0))];
        var source = new FixedHistorySource("platform", new Dictionary<string, IReadOnlyList<(DateTimeOffset, double)>> { ["full-01"] = other, ["gap-01"] = other, ["other-01"] = other }, TimeSpan.FromMinutes(1));
        var inventory = new ListInventory([.. new[] { "full-01", "gap-01", "other-01", "none-01" }.Select(h => Host.Ssh(h, "127.0.0.1"))]);
        var reader = new HistoryReader(inventory, f.Store, new HistoryOptions(), new FanOutOptions(), f.Clock, [source]);

        var top = await reader.TopAsync("all", "cpu", "avg", "30m", null, 10, null, None);

        top.Hosts.Select(h => (h.Host, h.Value, h.Samples, h.Source)).ShouldBe([
            ("other-01", 100, 30, "platform"), // no collector ticks: the platform's history alone
            ("gap-01", Math.Round((10 + 11 + 12 + 13 + 24 * 100) / 28.0, 3), 28, "bastion-collector+platform"), // its minutes 6 to 29 fill the collector's gap after 03:00 + 2.5 intervals
            ("full-01", 14.5, 30, "bastion-collector"), // covered whole: the platform is not asked
        ]);
        top.WithoutData.ShouldBe(["none-01"]);
    }

    [Fact]
    public async Task TickRunsOfHosts_SummariseEachHostsTicks_LikeTheTicksThemselves()
    {
        using var f = new StoreFixture();
        for (var minute = 0; minute < 30; minute++)
        {
            var at = f.Clock.GetUtcNow();
            var ticks = new List<HostTick>();
            if (minute is < 10 or >= 16)
            {
                ticks.Add(StoreFixture.Tick("web-01", at, minute));
            }

            if (minute % 3 == 0)
            {
                ticks.Add(StoreFixture.Tick("slow-01", at, minute));
            }

            await f.Store.WriteAsync(ticks, None);
            f.Clock.Advance(TimeSpan.FromMinutes(1));
        }

        var (from, to) = (StoreFixture.Start, f.Clock.GetUtcNow());
        var runs = await f.Store.TickRunsOfHostsAsync(["web-01", "slow-01", "gone-01"], from, to, TimeSpan.FromSeconds(150), None);

        runs["gone-01"].ShouldBe(TickRuns.None);
        var web = runs["web-01"];
        web.Ticks.ShouldBe(24);
        web.MedianSpacing.ShouldBe(TimeSpan.FromMinutes(1));
        web.Runs.Select(r => (r.From, r.To)).ShouldBe([(from, from.AddMinutes(9)), (from.AddMinutes(16), from.AddMinutes(29))], "split at the 7-minute gap");
        runs["slow-01"].MedianSpacing.ShouldBe(TimeSpan.FromMinutes(3));
        runs["slow-01"].Runs.Count.ShouldBe(10, "every 3-minute spacing is over the 150 s asked");
        foreach (var host in new[] { "web-01", "slow-01" })
        {
            var alone = TickRuns.Of([.. (await f.Store.TicksAsync(host, from, to, None)).Select(t => t.Time)], TimeSpan.FromSeconds(150));
            runs[host].Ticks.ShouldBe(alone.Ticks);
            runs[host].MedianSpacing.ShouldBe(alone.MedianSpacing);
            runs[host].Runs.ShouldBe(alone.Runs);
        }
    }

    [Fact]
    public async Task ReadMany_CoversWhatTheHostByHostReadingCovers()
    {
        using var f = new StoreFixture();
        for (var minute = 0; minute < 40; minute++)
        {
            var at = f.Clock.GetUtcNow();
            var ticks = new List<HostTick>();
            if (minute is < 10 or (>= 13 and < 20) or >= 30)
            {
                ticks.Add(StoreFixture.Tick("web-01", at, minute));
            }

            if (minute % 5 == 0 && minute != 20)
            {
                ticks.Add(StoreFixture.Tick("slow-01", at, minute));
            }

            await f.Store.WriteAsync(ticks, None);
            f.Clock.Advance(TimeSpan.FromMinutes(1));
        }

        var source = new CollectorHistorySource(f.Store, new HistoryOptions());
        var hosts = new[] { Host.Ssh("web-01", "127.0.0.1"), Host.Ssh("slow-01", "127.0.0.1"), Host.Ssh("gone-01", "127.0.0.1") };
        var query = new SourceQuery(["cpu.busy_percent"], string.Empty, StoreFixture.Start.AddMinutes(2), f.Clock.GetUtcNow(), TimeSpan.FromMinutes(1));
        var many = await source.ReadManyAsync(hosts, query, TimeSpan.FromMinutes(1), None);

        foreach (var host in hosts)
        {
            var alone = await source.ReadAsync(host, query, TimeSpan.FromMinutes(1), None);
            many[host.Name].Covered.ShouldBe(alone.Covered, host.Name);
            many[host.Name].Series.SelectMany(s => s.Points).ShouldBe(alone.Series.SelectMany(s => s.Points), host.Name);
        }

        many["web-01"].Covered.Count.ShouldBe(3, "split at the 4- and the 11-minute gap (over 2.5 intervals of 1 minute)");
        many["slow-01"].Covered.Count.ShouldBe(1, "a 10-minute gap is within 2.5 of its own 5-minute spacing");
    }

    [Fact]
    public async Task Reads_RememberIdsOnlyOfWhatTheyFound_SoHostsAndSeriesWrittenLaterAreFound()
    {
        using var f = new StoreFixture();
        // Another process's store on the same file, as a reader beside the collector's.
        using var reader = new SqliteHistoryStore(f.Store.Path, new HistoryOptions(), f.Clock);
        await f.Store.WriteAsync([StoreFixture.Tick("web-01", f.Clock.GetUtcNow(), 10)], None);
        f.Clock.Advance(TimeSpan.FromMinutes(1));
        var from = StoreFixture.Start;
        (await reader.SeriesOfHostsAsync(["web-01", "web-02"], "cpu.busy_percent", "", from, from.AddHours(1), TimeSpan.FromMinutes(1), None))
            .Select(s => s.Host).ShouldBe(["web-01"]);
        (await reader.TickRunsOfHostsAsync(["web-01", "web-02"], from, from.AddHours(1), TimeSpan.FromMinutes(3), None))["web-02"].ShouldBe(TickRuns.None);
        (await reader.SeriesAsync(new SeriesQuery("web-02", "cpu.", null, from, from.AddHours(1), TimeSpan.FromMinutes(1)), None)).ShouldBeEmpty();

        await f.Store.WriteAsync([StoreFixture.Tick("web-02", f.Clock.GetUtcNow(), 20), new HostTick("web-01", f.Clock.GetUtcNow(), TickStatus.Ok, null, [new MetricValue("cpu.busy_percent", "", 30), new MetricValue("load.load1", "", 2.5)], [], [])], None);

        var busy = await reader.SeriesOfHostsAsync(["web-01", "web-02"], "cpu.busy_percent", "", from, from.AddHours(1), TimeSpan.FromMinutes(1), None);
        busy.Select(s => $"{s.Host}: {string.Join(' ', s.Points.Select(p => p.Avg))}").ShouldBe(["web-01: 10 30", "web-02: 20"], "a host new to the reader");
        (await reader.SeriesOfHostsAsync(["web-02", "web-01"], "load.load1", "", from, from.AddHours(1), TimeSpan.FromMinutes(1), None))
            .ShouldHaveSingleItem().Host.ShouldBe("web-01", "a series new to a host known before");
        (await reader.TickRunsOfHostsAsync(["web-01", "web-02"], from, from.AddHours(1), TimeSpan.FromMinutes(3), None))["web-02"].Ticks.ShouldBe(1);
        (await reader.SeriesAsync(new SeriesQuery("web-02", "cpu.", null, from, from.AddHours(1), TimeSpan.FromMinutes(1)), None)).Select(s => s.Metric)
            .ShouldBe(["cpu.busy_percent", "cpu.idle_percent"]);
    }
}
