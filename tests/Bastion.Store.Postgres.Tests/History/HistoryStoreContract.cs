using Bastion.Core.Alerts;
using Bastion.Core.History;

namespace Bastion.Store.Postgres.Tests.History;

/// <summary>
/// What every history store (and its alert store) must do, whichever engine backs it: run against the embedded SQLite
/// store and the shared store's PostgreSQL one, so the tools answer alike on both. Each test gets an empty store on a
/// clock that starts on a 5-minute boundary.
/// </summary>
public abstract class HistoryStoreContract
{
    protected static readonly DateTimeOffset Start = new(2026, 12, 1, 0, 0, 0, TimeSpan.Zero);

    private static readonly CancellationToken None = CancellationToken.None;

    /// <summary>An empty history store and the alert store beside it, with <paramref name="options"/> and <paramref name="clock"/>.</summary>
    protected abstract Task<(IHistoryStore History, IAlertStore Alerts)> CreateAsync(HistoryOptions options, TimeProvider clock);

    private static HostTick Tick(string host, DateTimeOffset at, double cpu, double disk = 50) =>
        new(host, at, TickStatus.Ok, null,
            [new MetricValue("cpu.busy_percent", "", cpu), new MetricValue("cpu.idle_percent", "", 100 - cpu), new MetricValue("disk.used_percent", "/", disk), new MetricValue("disk.used_percent", HistoryMetrics.AllInstances, disk)],
            [new ProcessSample(42, "busy", cpu, 1000)],
            [new ProcessSample(7, "big", 1, 5000)]);

    /// <summary>One tick a minute for <paramref name="minutes"/> minutes from the clock's time, advancing it; cpu goes i % 10 * 10.</summary>
    private static async Task WriteMinutesAsync(IHistoryStore store, ManualClock clock, string host, int minutes)
    {
        for (var i = 0; i < minutes; i++)
        {
            await store.WriteAsync([Tick(host, clock.GetUtcNow(), i % 10 * 10)], None);
            clock.Advance(TimeSpan.FromMinutes(1));
        }
    }

    [PostgresFact]
    public async Task Series_AveragesSamplesOverTheStep_AndKeepsMinAndMax()
    {
        var clock = new ManualClock(Start);
        var (store, _) = await CreateAsync(new HistoryOptions(), clock);
        await WriteMinutesAsync(store, clock, "web-01", 10);

        var series = await store.SeriesAsync(new SeriesQuery("web-01", "cpu.", null, Start, clock.GetUtcNow(), TimeSpan.FromMinutes(5)), None);

        series.Select(s => s.Metric).ShouldBe(["cpu.busy_percent", "cpu.idle_percent"]);
        var busy = series.Single(s => s.Metric == "cpu.busy_percent");
        busy.Points.Select(p => p.Time).ShouldBe([Start, Start.AddMinutes(5)]);
        busy.Points.Select(p => p.Avg).ShouldBe([20, 70]);
        busy.Points.Select(p => p.Min).ShouldBe([0, 50]);
        busy.Points.Select(p => p.Max).ShouldBe([40, 90]);
        busy.Points.ShouldAllBe(p => !p.Rollup);
        (await store.SeriesAsync(new SeriesQuery("db-01", "cpu.", null, Start, clock.GetUtcNow(), TimeSpan.FromMinutes(1)), None)).ShouldBeEmpty();
    }

    [PostgresFact]
    public async Task SeriesOfHosts_GivesOneSeriesPerHostWithPoints_InTheOrderAsked()
    {
        var clock = new ManualClock(Start);
        var (store, _) = await CreateAsync(new HistoryOptions(), clock);
        for (var i = 0; i < 4; i++)
        {
            await store.WriteAsync([Tick("web-01", clock.GetUtcNow(), 10, disk: 40 + i), Tick("web-02", clock.GetUtcNow(), 30, disk: 80)], None);
            clock.Advance(TimeSpan.FromMinutes(1));
        }

        var found = await store.SeriesOfHostsAsync(["web-02", "web-03", "web-01"], "disk.used_percent", "/", Start, clock.GetUtcNow(), TimeSpan.FromMinutes(2), None);

        found.Select(h => h.Host).ShouldBe(["web-02", "web-01"]);
        found[0].Points.Select(p => p.Avg).ShouldBe([80, 80]);
        found[1].Points.Select(p => p.Avg).ShouldBe([40.5, 42.5]);
    }

    [PostgresFact]
    public async Task ReduceSeriesOfHosts_GivesEachHostsPointsReduced_AsSeriesOfHostsGivesThem()
    {
        var clock = new ManualClock(Start);
        var (store, _) = await CreateAsync(new HistoryOptions(), clock);
        for (var i = 0; i < 7; i++)
        {
            await store.WriteAsync([Tick("web-01", clock.GetUtcNow(), 10 + i), Tick("web-02", clock.GetUtcNow(), 30 - i * 1.5), Tick("db-01", clock.GetUtcNow(), 50)], None);
            clock.Advance(TimeSpan.FromMinutes(1));
        }

        string[] hosts = ["web-02", "gone-01", "db-01", "web-01"];
        var (from, to, step) = (Start.AddSeconds(30), clock.GetUtcNow(), TimeSpan.FromMinutes(2));
        var series = await store.SeriesOfHostsAsync(hosts, "cpu.busy_percent", "", from, to, step, None);
        var reduced = await store.ReduceSeriesOfHostsAsync(hosts, "cpu.busy_percent", "", from, to, step, p => (p.Length, HistoryMath.Mean(p.ToArray()), p[0].Time, p[^1].Max), None);

        reduced.Select(r => r.Host).ShouldBe(["web-02", "db-01", "web-01"], "in the order asked, hosts without points left out");
        reduced.Select(r => r.Figure).ShouldBe(series.Select(s => (s.Points.Count, HistoryMath.Mean(s.Points), s.Points[0].Time, s.Points[^1].Max)));
        reduced[2].Figure.ShouldBe((4, 13.5, Start, 16), "11, 12.5, 14.5 and 16 from the steps that start in the window");
    }

    [PostgresFact]
    public async Task Maintain_KeepsRawSamplesForTheRawRetention_ThenAnswersFromRollups()
    {
        var clock = new ManualClock(Start);
        var (store, _) = await CreateAsync(new HistoryOptions { RawRetention = TimeSpan.FromDays(7), RollupRetention = TimeSpan.FromDays(90) }, clock);
        await WriteMinutesAsync(store, clock, "web-01", 10);

        clock.Advance(TimeSpan.FromDays(6));
        var early = await store.MaintainAsync(None);
        clock.Advance(TimeSpan.FromDays(2));
        var late = await store.MaintainAsync(None);

        early.SamplesDeleted.ShouldBe(0);
        late.SamplesDeleted.ShouldBe(40, "10 ticks of 4 samples, older than 7 days");
        var points = (await store.SeriesAsync(new SeriesQuery("web-01", "cpu.busy_percent", "", Start, clock.GetUtcNow(), TimeSpan.FromMinutes(5)), None)).ShouldHaveSingleItem().Points;
        points.ShouldAllBe(p => p.Rollup);
        points.Select(p => (p.Min, p.Avg, p.Max)).ShouldBe([(0, 20, 40), (50, 70, 90)]);
        (await store.InfoAsync(None)).RawKeptFrom.ShouldBe(clock.GetUtcNow() - TimeSpan.FromDays(7));
        (await store.ProcessesAsync("web-01", Start, clock.GetUtcNow(), 10, None)).ShouldBeEmpty("process tops live as long as raw samples");
    }

    [PostgresFact]
    public async Task Settings_AreTheIntervalAndRawRetentionInfoGives_EmptyWrittenAndPruned()
    {
        var clock = new ManualClock(Start);
        var (store, _) = await CreateAsync(new HistoryOptions { RawRetention = TimeSpan.FromDays(7), RollupRetention = TimeSpan.FromDays(90) }, clock);
        static HistoryStoreSettings Of(HistoryStoreInfo info) => new(info.SampleInterval, info.RawKeptFrom);

        var empty = await store.SettingsAsync(None);
        empty.ShouldBe(Of(await store.InfoAsync(None)));
        empty.SampleInterval.ShouldBeNull("no collector wrote");

        await store.SetSampleIntervalAsync(TimeSpan.FromSeconds(30), None);
        await WriteMinutesAsync(store, clock, "web-01", 10);
        clock.Advance(TimeSpan.FromDays(8));
        await store.MaintainAsync(None);

        var pruned = await store.SettingsAsync(None);
        pruned.ShouldBe(Of(await store.InfoAsync(None)));
        pruned.SampleInterval.ShouldBe(TimeSpan.FromSeconds(30));
        pruned.RawKeptFrom.ShouldBe(clock.GetUtcNow() - TimeSpan.FromDays(7));
    }

    [PostgresFact]
    public async Task Series_AtAStepOfWholeBuckets_ReadsRollupsUpToTheLastRollup_AndRawSamplesAroundThem()
    {
        var clock = new ManualClock(Start);
        var (store, _) = await CreateAsync(new HistoryOptions { RawRetention = TimeSpan.FromDays(7), RollupRetention = TimeSpan.FromDays(90) }, clock);
        await WriteMinutesAsync(store, clock, "web-01", 20);
        (await store.MaintainAsync(None)).RolledUpTo.ShouldBe(Start.AddMinutes(20));
        await WriteMinutesAsync(store, clock, "web-01", 10);
        var (from, to) = (Start.AddMinutes(2), clock.GetUtcNow());
        async Task<IReadOnlyList<StoredPoint>> Busy(TimeSpan step) =>
            (await store.SeriesAsync(new SeriesQuery("web-01", "cpu.busy_percent", "", from, to, step), None)).ShouldHaveSingleItem().Points;

        var fiveMinutes = await Busy(TimeSpan.FromMinutes(5));
        var quarters = await Busy(TimeSpan.FromMinutes(15));
        var twoMinutes = await Busy(TimeSpan.FromMinutes(2));

        // Raw samples are all still kept: every store answers the same figures, and the flag says where they came from.
        fiveMinutes.Select(p => (p.Time, p.Avg, p.Rollup)).ShouldBe([
            (Start, 30, false), // minutes 2-4: the window's first partial bucket, from raw samples
            (Start.AddMinutes(5), 70, true), (Start.AddMinutes(10), 20, true), (Start.AddMinutes(15), 70, true), // rolled up
            (Start.AddMinutes(20), 20, false), (Start.AddMinutes(25), 70, false), // after the last rollup
        ]);
        fiveMinutes.Select(p => (p.Min, p.Max)).ShouldBe([(20, 40), (50, 90), (0, 40), (50, 90), (0, 40), (50, 90)]);
        quarters.Select(p => p.Time).ShouldBe([Start, Start.AddMinutes(15)]);
        quarters.ShouldAllBe(p => p.Rollup, "each quarter combines raw samples with rollups, by counts");
        quarters[0].Avg.ShouldBe((20 + 30 + 40 + 5 * 70 + 5 * 20) / 13.0, 1e-9);
        quarters[1].Avg.ShouldBe((5 * 70 + 5 * 20 + 5 * 70) / 15.0, 1e-9);
        twoMinutes.Count.ShouldBe(14);
        twoMinutes.ShouldAllBe(p => !p.Rollup, "a step that is not whole buckets reads raw samples where they are kept");
    }

    [PostgresFact]
    public async Task Maintain_DeletesRollupsTicksAndResolvedAlerts_AfterTheRollupRetention_AndKeepsFiringOnes()
    {
        var clock = new ManualClock(Start);
        var (store, alerts) = await CreateAsync(new HistoryOptions { RawRetention = TimeSpan.FromDays(1), RollupRetention = TimeSpan.FromDays(30) }, clock);
        await WriteMinutesAsync(store, clock, "web-01", 10);
        AlertEvent Event(string rule) => new(0, rule, "web-01", "warning", AlertEvent.Firing, "cpu.busy_percent", "last over 0s >= 80", 90, clock.GetUtcNow(), null, null);
        var resolved = await alerts.FireAsync(Event("cpu-hot"), None);
        await alerts.ResolveAsync(resolved.Id, clock.GetUtcNow(), 10, None);
        await alerts.FireAsync(Event("disk-full"), None);
        await store.MaintainAsync(None);

        clock.Advance(TimeSpan.FromDays(29));
        var kept = await store.MaintainAsync(None);
        var ticksKept = await store.TicksAsync("web-01", Start, clock.GetUtcNow(), None);
        var alertsKept = await alerts.ListAsync(new AlertQuery("all", null, null, 10), None);
        clock.Advance(TimeSpan.FromDays(2));
        var cut = await store.MaintainAsync(None);

        kept.RollupsDeleted.ShouldBe(0);
        ticksKept.Count.ShouldBe(10);
        alertsKept.Total.ShouldBe(2);
        cut.RollupsDeleted.ShouldBe(8, "2 buckets x 4 series");
        (await store.TicksAsync("web-01", Start, clock.GetUtcNow(), None)).ShouldBeEmpty();
        (await store.SeriesAsync(new SeriesQuery("web-01", "cpu.", null, Start, clock.GetUtcNow(), TimeSpan.FromHours(1)), None)).ShouldBeEmpty();
        (await alerts.ListAsync(new AlertQuery("all", null, null, 10), None)).Alerts.Select(a => a.Rule).ShouldBe(["disk-full"]);
    }

    [PostgresFact]
    public async Task Ticks_RecordUnreachableHosts_WithTheirError_AndProcessesComeNewestFirst()
    {
        var clock = new ManualClock(Start);
        var (store, _) = await CreateAsync(new HistoryOptions(), clock);
        await store.WriteAsync([HostTick.Missed("web-03", clock.GetUtcNow(), TickStatus.Unreachable, "connection refused")], None);
        await WriteMinutesAsync(store, clock, "web-01", 3);

        var tick = (await store.TicksAsync("web-03", Start, clock.GetUtcNow(), None)).ShouldHaveSingleItem();
        var processes = await store.ProcessesAsync("web-01", Start, clock.GetUtcNow(), 2, None);
        var info = await store.InfoAsync(None);

        tick.Status.ShouldBe(TickStatus.Unreachable);
        tick.Error.ShouldBe("connection refused");
        processes.Select(p => p.Time).ShouldBe([Start.AddMinutes(2), Start.AddMinutes(1)]);
        processes[0].TopByCpu.ShouldHaveSingleItem().ShouldBe(new ProcessSample(42, "busy", 20, 1000));
        processes[0].TopByRss.ShouldHaveSingleItem().Name.ShouldBe("big");
        info.Oldest.ShouldBe(Start);
        info.Newest.ShouldBe(Start.AddMinutes(2));
    }

    [PostgresFact]
    public async Task Alerts_FireOncePerRuleAndHost_ResolveOnce_AndListNewestFirst()
    {
        var clock = new ManualClock(Start);
        var (_, alerts) = await CreateAsync(new HistoryOptions(), clock);
        AlertEvent Event(string rule, string host, DateTimeOffset at) => new(0, rule, host, "critical", AlertEvent.Firing, "disk.used_percent[/]", "min over 10m >= 95", 97, at, null, null);

        var first = await alerts.FireAsync(Event("disk-full", "web-01", Start), None);
        var again = await alerts.FireAsync(Event("disk-full", "web-01", Start.AddMinutes(1)), None);
        var other = await alerts.FireAsync(Event("disk-full", "web-02", Start.AddMinutes(2)), None);
        var resolved = await alerts.ResolveAsync(first.Id, Start.AddMinutes(3), 80, None);
        var resolvedTwice = await alerts.ResolveAsync(first.Id, Start.AddMinutes(4), 70, None);

        first.Id.ShouldBeGreaterThan(0);
        again.Id.ShouldBe(0, "the alert that fires already stands");
        resolved!.State.ShouldBe(AlertEvent.Resolved);
        resolved.EndValue.ShouldBe(80);
        resolvedTwice.ShouldBeNull();
        (await alerts.FiringAsync(None)).Select(a => a.Id).ShouldBe([other.Id]);
        var all = await alerts.ListAsync(new AlertQuery("all", null, null, 10), None);
        all.Alerts.Select(a => a.Id).ShouldBe([resolved.Id, other.Id]);
        (await alerts.ListAsync(new AlertQuery(AlertEvent.Resolved, null, null, 10), None)).Alerts.ShouldHaveSingleItem().Host.ShouldBe("web-01");
        (await alerts.ListAsync(new AlertQuery("all", null, ["web-02"], 10), None)).Total.ShouldBe(1);
        (await alerts.ListAsync(new AlertQuery("all", Start.AddMinutes(3), null, 10), None)).Total.ShouldBe(2);
        (await alerts.ListAsync(new AlertQuery("all", null, null, 1), None)).ShouldSatisfyAllConditions(p => p.Total.ShouldBe(2), p => p.Alerts.Count.ShouldBe(1));
    }
}
