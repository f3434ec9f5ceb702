using Bastion.Core;
using Bastion.Core.History;
using Bastion.Core.Inventory;
using Microsoft.Extensions.Time.Testing;

namespace Bastion.Store.Sqlite.Tests;

/// <summary>
/// Hosts of a group with an interval of its own are sampled on it, on a fake clock. The group's host is an SSH host on
/// 127.0.0.191 (this suite's address base 190) where nothing listens, so each of its ticks is a quick refusal.
/// </summary>
public sealed class CollectorGroupIntervalTests
{
    private static readonly CancellationToken None = CancellationToken.None;

    [Fact]
    public async Task Collector_SamplesAGroupsHosts_OnTheGroupsOwnInterval()
    {
        var clock = new FakeTimeProvider(StoreFixture.Start);
        var fast = new Host("fast-01", HostKind.Ssh, "127.0.0.191", 1, null, null, null, ["fast"], new Dictionary<string, string>());
        var options = new HistoryOptions { Interval = TimeSpan.FromSeconds(60), GroupIntervals = HistoryOptions.ParseGroupIntervals(["fast=10s"]) };
        await using var harness = await HistoryHarness.StartAsync([fast], options, clock: clock);

        static IEnumerable<string> Names(IReadOnlyList<HostTick> ticks) => ticks.Select(t => t.Host).Order(StringComparer.Ordinal);

        Names(await harness.Collector.TickDueAsync(None)).ShouldBe(["fast-01", "local"], "every host is due on the first tick");
        clock.Advance(TimeSpan.FromSeconds(10));
        Names(await harness.Collector.TickDueAsync(None)).ShouldBe(["fast-01"]);
        clock.Advance(TimeSpan.FromSeconds(5));
        (await harness.Collector.TickDueAsync(None)).ShouldBeEmpty("nobody is due 15 s in");
        for (var s = 20; s < 60; s += 10)
        {
            clock.Advance(TimeSpan.FromSeconds(s == 20 ? 5 : 10));
            Names(await harness.Collector.TickDueAsync(None)).ShouldBe(["fast-01"], $"at {s} s");
        }

        clock.Advance(TimeSpan.FromSeconds(10));
        Names(await harness.Collector.TickDueAsync(None)).ShouldBe(["fast-01", "local"], "at 60 s the others are due too");
        var ticks = await harness.Store.TicksAsync("fast-01", StoreFixture.Start, clock.GetUtcNow().AddSeconds(1), None);
        ticks.Count.ShouldBe(7);
        ticks.ShouldAllBe(t => t.Status != TickStatus.Ok, "nothing listens on 127.0.0.191:1");
        (await harness.Store.TicksAsync("local", StoreFixture.Start, clock.GetUtcNow().AddSeconds(1), None)).Count.ShouldBe(2);
    }

    [Theory]
    [InlineData("db")]
    [InlineData("=15s")]
    [InlineData("db=fast")]
    [InlineData("db=500ms")]
    public void GroupIntervals_SayWhatIsAccepted_OnBadInput(string entry) =>
        Should.Throw<BastionException>(() => HistoryOptions.ParseGroupIntervals([entry])).Message.ShouldContain("GROUP=DURATION");

    [Fact]
    public void IntervalOf_TakesTheShortestOfAHostsGroups_ElseTheDefault()
    {
        var options = new HistoryOptions { Interval = TimeSpan.FromMinutes(1), GroupIntervals = HistoryOptions.ParseGroupIntervals(["db=30s,batch=5m", "@web=15s"]) };
        Host With(params string[] groups) => new("h", HostKind.Ssh, "127.0.0.191", null, null, null, null, groups, new Dictionary<string, string>());
        options.IntervalOf(With("db", "web")).ShouldBe(TimeSpan.FromSeconds(15));
        options.IntervalOf(With("batch")).ShouldBe(TimeSpan.FromMinutes(5));
        options.IntervalOf(With("other")).ShouldBe(TimeSpan.FromMinutes(1));
        options.ShortestInterval.ShouldBe(TimeSpan.FromSeconds(15));
    }
}
