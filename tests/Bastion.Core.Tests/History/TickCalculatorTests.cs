using Bastion.Core.History;

namespace Bastion.Core.Tests.History;

public class TickCalculatorTests
{
    private static readonly DateTimeOffset At = new(2026, 12, 6, 6, 30, 0, TimeSpan.Zero);

    // Two outputs of HistoryScript captured 2 s apart on a Debian 12 VM with two busy CPUs.
    private static HostReading First => HistoryScript.Parse("vm", Fixture.Read("history/tick1.txt"));

    private static HostReading Second => HistoryScript.Parse("vm", Fixture.Read("history/tick2.txt"));

    private static double Value(HostTick tick, string metric, string instance = "") =>
        tick.Values.Single(v => v.Metric == metric && v.Instance == instance).Value;

    [Fact]
    public void HistoryScript_ParsesEverySection_OfCapturedOutput()
    {
        var reading = First;
        reading.UptimeSeconds.ShouldBe(2060.46);
        reading.Stat.CpuCount.ShouldBe(2);
        reading.Memory.TotalBytes.ShouldBeGreaterThan(0);
        reading.FileSystems.Select(f => f.MountPoint).ShouldBe(["/"], "devtmpfs, tmpfs and cgroup mounts are pseudo file systems");
        reading.FileSystems[0].InodesUsedPercent.ShouldBe(Math.Round(449672 * 100.0 / 16777216, 2));
        reading.Interfaces.Select(i => i.Interface).ShouldContain("lo");
        reading.Disks.ShouldHaveSingleItem().Device.ShouldBe("vda");
        reading.Processes.Count.ShouldBeGreaterThan(10);
        reading.Processes.ShouldContain(p => p.RssBytes > 0);
        reading.ClockTicksPerSecond.ShouldBe(100);
    }

    [Fact]
    public void Compute_GivesGaugesButNoRates_OnAHostsFirstTick()
    {
        var tick = TickCalculator.Compute("vm", At, First, previous: null);
        tick.Status.ShouldBe(TickStatus.Ok);
        tick.Values.ShouldNotContain(v => v.Metric.StartsWith("cpu.", StringComparison.Ordinal) || v.Metric.StartsWith("network.", StringComparison.Ordinal) || v.Metric.StartsWith("disk_io.", StringComparison.Ordinal));
        Value(tick, "load.load1").ShouldBeGreaterThanOrEqualTo(0);
        Value(tick, "disk.used_percent", "/").ShouldBe(Math.Round(14359772 * 100.0 / (14359772 + 82418200), 2));
        Value(tick, "disk.used_percent", HistoryMetrics.AllInstances).ShouldBe(Value(tick, "disk.used_percent", "/"));
        tick.TopByCpu.ShouldBeEmpty();
        tick.TopByRss.Count.ShouldBe(5);
        tick.TopByRss.Select(p => p.RssBytes).ShouldBeInOrder(SortDirection.Descending);
    }

    [Fact]
    public void Compute_GivesRatesFromCountersBetweenTicks()
    {
        var tick = TickCalculator.Compute("vm", At, Second, First);
        // /proc/stat: user +368, system +41, steal +1, idle +0 over 410 ticks.
        Value(tick, "cpu.busy_percent").ShouldBe(100);
        Value(tick, "cpu.user_percent").ShouldBe(Math.Round(368 * 100.0 / 410, 3));
        Value(tick, "cpu.system_percent").ShouldBe(Math.Round(41 * 100.0 / 410, 3));
        Value(tick, "cpu.steal_percent").ShouldBe(Math.Round(1 * 100.0 / 410, 3));
        // /proc/diskstats vda: one read of 8 sectors over the 2.06 s between the two uptimes.
        Value(tick, "disk_io.reads_per_second", "vda").ShouldBe(Math.Round(1 / 2.06, 2));
        Value(tick, "disk_io.read_bytes_per_second", "vda").ShouldBe(Math.Round(8 * 512 / 2.06, 1));
        Value(tick, "disk_io.writes_per_second", "vda").ShouldBe(0);
        Value(tick, "network.rx_bytes_per_second", "lo").ShouldBeGreaterThanOrEqualTo(0);
        tick.TopByCpu.ShouldNotBeEmpty();
        tick.TopByCpu.Count.ShouldBeLessThanOrEqualTo(5);
        tick.TopByCpu.Select(p => p.CpuPercent!.Value).ShouldBeInOrder(SortDirection.Descending);
    }

    [Fact]
    public void Compute_GivesNoRates_WhenCountersWentBackwards()
    {
        // The host rebooted between the ticks: the earlier reading has the larger counters.
        var tick = TickCalculator.Compute("vm", At, First, Second);
        tick.Values.ShouldNotContain(v => v.Metric.StartsWith("cpu.", StringComparison.Ordinal) || v.Metric.StartsWith("disk_io.", StringComparison.Ordinal));
    }
}
