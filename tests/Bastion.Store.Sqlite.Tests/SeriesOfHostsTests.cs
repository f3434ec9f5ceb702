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
}
