using Bastion.Core.History;
using Bastion.Core.Inventory;

namespace Bastion.Store.Sqlite.Tests;

/// <summary>A store that read an hour's tick chunk before sees it as it is now: grown by later ticks, a tick rewritten
/// inside it (same count, last time and last status; only the bytes differ), unreachable ticks as unreachable spans.
/// What any memory of read chunks (a cache of decoded chunks was tried, see the commit) must keep true.</summary>
public sealed class TickRereadTests
{
    private static readonly CancellationToken None = CancellationToken.None;

    [Fact]
    public async Task TickReads_SeeTicksAppendedToAChunkReadBefore()
    {
        using var f = new StoreFixture();
        await f.WriteMinutesAsync("web-01", 10);
        var (from, to) = (StoreFixture.Start, StoreFixture.Start.AddHours(1));
        (await f.Store.TickRunsOfHostsAsync(["web-01"], from, to, TimeSpan.FromSeconds(150), None))["web-01"].Ticks.ShouldBe(10);
        (await f.Store.TicksAsync("web-01", from, to, None)).Count.ShouldBe(10);

        f.Clock.Advance(TimeSpan.FromMinutes(5));
        await f.WriteMinutesAsync("web-01", 5); // the same hour's chunk, five ticks longer, after a 6-minute gap

        var runs = (await f.Store.TickRunsOfHostsAsync(["web-01"], from, to, TimeSpan.FromSeconds(150), None))["web-01"];
        runs.Ticks.ShouldBe(15);
        runs.Runs.Select(r => (r.From, r.To)).ShouldBe([(from, from.AddMinutes(9)), (from.AddMinutes(15), from.AddMinutes(19))]);
        var ticks = await f.Store.TicksAsync("web-01", from, to, None);
        ticks.Select(t => t.Time).ShouldBe([.. Enumerable.Range(0, 10).Concat(Enumerable.Range(15, 5)).Select(m => from.AddMinutes(m))]);
    }

    [Fact]
    public async Task TickReads_SeeATickRewrittenInsideAChunkReadBefore()
    {
        using var f = new StoreFixture();
        await f.WriteMinutesAsync("web-01", 10);
        var (from, to) = (StoreFixture.Start, StoreFixture.Start.AddHours(1));
        (await f.Store.TicksAsync("web-01", from, to, None)).ShouldAllBe(t => t.Status == TickStatus.Ok);

        // Same count, last time and last status: only the bytes tell the chunk changed.
        await f.Store.WriteAsync([new HostTick("web-01", from.AddMinutes(4), TickStatus.TimedOut, "no answer in 10 s", [], [], [])], None);

        var ticks = await f.Store.TicksAsync("web-01", from, to, None);
        ticks.Count.ShouldBe(10);
        ticks.Where(t => t.Status != TickStatus.Ok).Select(t => (t.Time, t.Status, t.Error)).ShouldBe([(from.AddMinutes(4), TickStatus.TimedOut, "no answer in 10 s")]);
    }

    [Fact]
    public async Task Coverage_ShowsUnreachableSpans_OfChunksReadBefore()
    {
        using var f = new StoreFixture();
        for (var minute = 0; minute < 20; minute++)
        {
            var status = minute is >= 5 and < 8 ? TickStatus.Unreachable : TickStatus.Ok;
            await f.Store.WriteAsync([status == TickStatus.Ok ? StoreFixture.Tick("web-01", f.Clock.GetUtcNow(), minute) : new HostTick("web-01", f.Clock.GetUtcNow(), status, "connection refused", [], [], [])], None);
            f.Clock.Advance(TimeSpan.FromMinutes(1));
        }

        var source = new CollectorHistorySource(f.Store, new HistoryOptions());
        var query = new SourceQuery(["cpu.busy_percent"], string.Empty, StoreFixture.Start, f.Clock.GetUtcNow(), TimeSpan.FromMinutes(1));
        var host = Host.Ssh("web-01", "127.0.0.1");
        var first = await source.ReadAsync(host, query, TimeSpan.FromMinutes(1), None);
        var again = await source.ReadAsync(host, query, TimeSpan.FromMinutes(1), None); // the same chunk read again

        foreach (var coverage in new[] { first.Coverage!, again.Coverage! })
        {
            coverage.Ticks.ShouldBe(20);
            coverage.Answered.ShouldBe(17);
            coverage.Unreachable.ShouldBe([new HistorySpan(StoreFixture.Start.AddMinutes(5), StoreFixture.Start.AddMinutes(8), "unreachable: connection refused")]);
        }
    }
}
