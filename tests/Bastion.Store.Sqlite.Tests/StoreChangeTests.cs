using Bastion.Core.History;

namespace Bastion.Store.Sqlite.Tests;

/// <summary>
/// A store that has read a window answers the next read of it from memory, and still sees every change to the file
/// made since: samples and ticks written by another connection (as another process would), settings changed, samples
/// pruned, and windows that reach past what it read.
/// </summary>
public sealed class StoreChangeTests
{
    private static readonly CancellationToken None = CancellationToken.None;
    private static readonly TimeSpan Minute = TimeSpan.FromMinutes(1);

    /// <summary>A second store on <paramref name="f"/>'s file (as another process would open it), after the fixture's
    /// store set a one-minute interval and wrote <paramref name="minutes"/> minutes of web-01.</summary>
    private static async Task<SqliteHistoryStore> SecondConnectionAsync(StoreFixture f, int minutes)
    {
        await f.Store.SetSampleIntervalAsync(Minute, None);
        await f.WriteMinutesAsync("web-01", minutes);
        return new SqliteHistoryStore(f.Store.Path, f.Options, f.Clock);
    }

    [Fact]
    public async Task Reads_SeeWhatAnotherConnectionWrote_AfterTheyReadTheSameWindow()
    {
        using var f = new StoreFixture();
        using var reader = await SecondConnectionAsync(f, minutes: 10);
        var (from, to) = (StoreFixture.Start, StoreFixture.Start.AddHours(1));

        async Task<(int Points, int Ticks, TimeSpan? Interval)> ReadAsync() =>
            ((await reader.SeriesOfHostsAsync(["web-01"], "cpu.busy_percent", "", from, to, Minute, None)).Single().Points.Count,
             (await reader.TickRunsOfHostsAsync(["web-01"], from, to, Minute * 2.5, None))["web-01"].Ticks,
             (await reader.SettingsAsync(None)).SampleInterval);

        (await ReadAsync()).ShouldBe((10, 10, Minute));
        (await ReadAsync()).ShouldBe((10, 10, Minute));

        await f.WriteMinutesAsync("web-01", 5);
        await f.Store.SetSampleIntervalAsync(TimeSpan.FromSeconds(30), None);

        (await ReadAsync()).ShouldBe((15, 15, TimeSpan.FromSeconds(30)));
    }

    [Fact]
    public async Task AHostOrSeriesFoundMissing_IsSeen_OnceWritten_ByAnotherConnectionOrTheStoreItself()
    {
        using var f = new StoreFixture();
        using var reader = await SecondConnectionAsync(f, minutes: 5);
        var (from, to) = (StoreFixture.Start, StoreFixture.Start.AddHours(1));

        async Task<string> ReadAsync(SqliteHistoryStore store, string metric = "cpu.busy_percent", string instance = "") =>
            string.Join(" ", (await store.SeriesOfHostsAsync(["web-01", "web-02"], metric, instance, from, to, Minute, None)).Select(s => $"{s.Host}:{s.Points.Count}"))
            + " ticks " + string.Join(" ", (await store.TickRunsOfHostsAsync(["web-01", "web-02"], from, to, Minute * 2.5, None)).Select(t => $"{t.Key}:{t.Value.Ticks}"))
            + " own " + (await store.SeriesAsync(new SeriesQuery("web-02", "cpu.", null, from, to, Minute), None)).Count;

        // Asked twice, so that the second read answers from what the first found missing.
        (await ReadAsync(reader)).ShouldBe("web-01:5 ticks web-01:5 web-02:0 own 0");
        (await ReadAsync(reader)).ShouldBe("web-01:5 ticks web-01:5 web-02:0 own 0");
        (await ReadAsync(reader, "disk.used_percent", "/boot")).ShouldBe(" ticks web-01:5 web-02:0 own 0");
        (await ReadAsync(reader, "disk.used_percent", "/boot")).ShouldBe(" ticks web-01:5 web-02:0 own 0");

        // Another connection adds the host (as another process's collector would), then the series.
        await f.WriteMinutesAsync("web-02", 3);
        (await ReadAsync(reader)).ShouldBe("web-01:5 web-02:3 ticks web-01:5 web-02:3 own 2");
        await f.Store.WriteAsync([new HostTick("web-01", f.Clock.GetUtcNow(), TickStatus.Ok, null, [new MetricValue("disk.used_percent", "/boot", 40)], [], [])], None);
        (await ReadAsync(reader, "disk.used_percent", "/boot")).ShouldBe("web-01:1 ticks web-01:6 web-02:3 own 2");

        // The store's own writes (its collector's): a host it found missing, then written by itself.
        (await ReadAsync(f.Store, "cpu.busy_percent")).ShouldStartWith("web-01:5 web-02:3");
        (await f.Store.SeriesOfHostsAsync(["web-03"], "cpu.busy_percent", "", from, to, Minute, None)).ShouldBeEmpty();
        (await f.Store.SeriesOfHostsAsync(["web-03"], "cpu.busy_percent", "", from, to, Minute, None)).ShouldBeEmpty();
        await f.WriteMinutesAsync("web-03", 2);
        (await f.Store.SeriesOfHostsAsync(["web-03"], "cpu.busy_percent", "", from, to, Minute, None)).Single().Points.Count.ShouldBe(2);
    }

    [Fact]
    public async Task Reads_AfterPruning_LeaveOutThePrunedSamples()
    {
        using var f = new StoreFixture();
        await f.WriteMinutesAsync("web-01", 10);
        f.Clock.Advance(TimeSpan.FromDays(7));
        var (from, to) = (StoreFixture.Start, StoreFixture.Start.AddHours(1));
        var query = new SeriesQuery("web-01", "cpu.busy_percent", "", from, to, Minute);
        (await f.Store.SeriesAsync(query, None)).Single().Points.Count.ShouldBe(10);
        (await f.Store.TicksAsync("web-01", from, to, None)).Count.ShouldBe(10);

        f.Clock.Advance(TimeSpan.FromHours(1));
        (await f.Store.MaintainAsync(None)).SamplesDeleted.ShouldBe(40);

        // The raw samples are gone: their two 5-minute rollups answer instead.
        var rolled = (await f.Store.SeriesAsync(query, None)).Single().Points;
        rolled.ShouldAllBe(p => p.Rollup);
        rolled.Select(p => (p.Min, p.Avg, p.Max)).ShouldBe([(0, 20, 40), (50, 70, 90)]);
    }

    [Fact]
    public async Task AWiderWindow_ReadsWhatTheEarlierNarrowerOneLeftOut()
    {
        using var f = new StoreFixture();
        for (var hour = 0; hour < 4; hour++)
        {
            await f.WriteMinutesAsync("web-01", 10);
            f.Clock.Advance(TimeSpan.FromMinutes(50));
        }

        f.Clock.Advance(TimeSpan.FromHours(10)); // the windows below lie well in the past
        var start = StoreFixture.Start;
        async Task<int> PointsAsync(int fromHour, int toHour) =>
            (await f.Store.SeriesOfHostsAsync(["web-01"], "cpu.busy_percent", "", start.AddHours(fromHour), start.AddHours(toHour), Minute, None)).Single().Points.Count;
        async Task<int> TicksAsync(int fromHour, int toHour) =>
            (await f.Store.TickRunsOfHostsAsync(["web-01"], start.AddHours(fromHour), start.AddHours(toHour), Minute * 2.5, None))["web-01"].Ticks;

        (await PointsAsync(1, 2)).ShouldBe(10);
        (await TicksAsync(1, 2)).ShouldBe(10);
        (await PointsAsync(1, 3)).ShouldBe(20, "the third hour was not read before");
        (await TicksAsync(1, 3)).ShouldBe(20);
        (await PointsAsync(0, 3)).ShouldBe(30, "nor the first");
        (await TicksAsync(0, 3)).ShouldBe(30);
        (await PointsAsync(1, 2)).ShouldBe(10);
        (await PointsAsync(0, 4)).ShouldBe(40);
    }

    [Fact]
    public async Task AWindowEndingNow_SeesTheHoursWrittenAfterItWasRead()
    {
        using var f = new StoreFixture();
        await f.WriteMinutesAsync("web-01", 10);
        async Task<int> LastHourAsync() =>
            (await f.Store.SeriesOfHostsAsync(["web-01"], "cpu.busy_percent", "", f.Clock.GetUtcNow().AddHours(-1), f.Clock.GetUtcNow(), Minute, None)).Single().Points.Count;
        (await LastHourAsync()).ShouldBe(10);

        f.Clock.Advance(TimeSpan.FromMinutes(50));
        await f.WriteMinutesAsync("web-01", 20); // the next hour's chunk

        (await LastHourAsync()).ShouldBe(20);
    }
}
