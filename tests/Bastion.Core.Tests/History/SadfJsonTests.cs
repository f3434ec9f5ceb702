using Bastion.Core.History;
using Bastion.Core.History.Sysstat;

namespace Bastion.Core.Tests.History;

/// <summary>sadf -j output captured from sysstat 12.6.1 on a Debian 12 VM (2 CPUs): three 2-second samples taken while
/// dd wrote 300 MB with O_DIRECT.</summary>
public class SadfJsonTests
{
    private static double Value(SarSample sample, string metric, string instance = "") =>
        sample.Values.Single(v => v.Metric == metric && v.Instance == instance).Value;

    [Fact]
    public void SadfJson_MapsEverySelection_ToTheCollectorsSeries()
    {
        var samples = SadfJson.Parse(Fixture.Read("sysstat/sadf-12.6-full.json"));

        samples.Count.ShouldBe(3);
        var first = samples[0];
        first.Time.ShouldBe(new DateTimeOffset(2026, 12, 6, 8, 38, 27, TimeSpan.Zero));
        first.IntervalSeconds.ShouldBe(2);
        Value(first, "cpu.busy_percent").ShouldBe(100, "idle 0 and iowait 0");
        Value(first, "cpu.user_percent").ShouldBe(91.75);
        Value(first, "cpu.system_percent").ShouldBe(8.25);
        Value(first, "load.load1").ShouldBe(8.81);
        Value(first, "load.load1_per_cpu").ShouldBe(4.405, "ldavg-1 over the file's 2 CPUs");

        // -r ALL: total = free + used + buffers + cached + slab (24683784 kB, the VM's MemTotal); used = total - avail.
        Value(first, "memory.total_bytes").ShouldBe(24683784d * 1024);
        Value(first, "memory.available_bytes").ShouldBe(23298308d * 1024);
        Value(first, "memory.used_bytes").ShouldBe((24683784d - 23298308) * 1024);
        Value(first, "memory.used_percent").ShouldBe(Math.Round((24683784d - 23298308) * 100 / 24683784, 2));
        Value(first, "swap.total_bytes").ShouldBe(0);

        // -d: the loop device is left out, like the collector does; kB/s become bytes/s.
        first.Values.Where(v => v.Metric.StartsWith("disk_io.", StringComparison.Ordinal)).Select(v => v.Instance).Distinct().ShouldBe(["vda", "*"], ignoreOrder: true);
        Value(first, "disk_io.write_bytes_per_second", "vda").ShouldBe(154886d * 1024);
        Value(first, "disk_io.util_percent", "vda").ShouldBe(8.2);
        Value(first, "disk_io.await_ms", "vda").ShouldBe(0.57);

        // -F MOUNT: file systems by mount point, MB to bytes.
        Value(first, "disk.used_percent", "/").ShouldBe(6.96);
        Value(first, "disk.size_bytes", "/").ShouldBe((240071d + 17948) * 1024 * 1024);
        Value(first, "disk.inodes_used_percent", "/").ShouldBe(2.99);
        Value(first, "disk.used_percent", HistoryMetrics.AllInstances).ShouldBe(6.96);

        // -n DEV,EDEV: every interface, and the non-virtual ones summed under '*'.
        first.Values.Where(v => v.Metric == "network.rx_bytes_per_second").Select(v => v.Instance).ShouldBe(["lo", "ifb0", "ifb1", "eth0", "*"], ignoreOrder: true);
        first.Values.ShouldContain(v => v.Metric == "network.errors_per_second" && v.Instance == "eth0");
        samples.Select(s => s.Time).ShouldBeInOrder();
    }

    [Fact]
    public void SadfJson_LeavesOutWhatABasicSelectionLacks_AndEstimatesTheMemoryTotal()
    {
        var samples = SadfJson.Parse(Fixture.Read("sysstat/sadf-12.6-basic.json"));

        var first = samples[0];
        first.Values.ShouldNotContain(v => v.Metric.StartsWith("swap.", StringComparison.Ordinal), "no -S in this selection");
        first.Values.ShouldNotContain(v => v.Metric == "network.errors_per_second", "no -n EDEV in this selection");
        Value(first, "disk.used_percent", "/dev/vda").ShouldBe(6.96, "without -F MOUNT sar names the file system");
        Value(first, "memory.total_bytes").ShouldBe(Math.Round(732812 * 100 / 2.97) * 1024, "without slab the total follows from memused and its percentage");
        Value(first, "memory.total_bytes").ShouldBe(24683784d * 1024, 24683784d * 1024 * 0.005);
    }

    [Theory]
    [InlineData("not json")]
    [InlineData("{\"other\": 1}")]
    public void SadfJson_Throws_OnTextThatIsNotSadfOutput(string text) =>
        Should.Throw<FormatException>(() => SadfJson.Parse(text));

    [Fact]
    public void SadfJson_SkipsRecords_WhoseTimeIsNotUtc()
    {
        var local = Fixture.Read("sysstat/sadf-12.6-full.json").Replace("\"utc\": 1", "\"utc\": 0", StringComparison.Ordinal);

        SadfJson.Parse(local).ShouldBeEmpty();
    }

    [Fact]
    public void SysstatScript_Files_CoverTheHostsLocalDaysAroundTheWindow()
    {
        var files = SysstatScript.Files(["/var/log/sysstat"], new DateTimeOffset(2026, 12, 6, 3, 0, 0, TimeSpan.Zero), new DateTimeOffset(2026, 12, 6, 5, 0, 0, TimeSpan.Zero));

        files.ShouldBe(["/var/log/sysstat/sa05", "/var/log/sysstat/sa20261205", "/var/log/sysstat/sa06", "/var/log/sysstat/sa20261206"]);
    }

    [Fact]
    public void SourceReading_FromSamples_AveragesPerStep_AndSplitsCoverageAtGaps()
    {
        var t0 = new DateTimeOffset(2026, 12, 6, 0, 0, 0, TimeSpan.Zero);
        var query = new SourceQuery(["cpu."], null, t0, t0.AddHours(1), TimeSpan.FromMinutes(10));
        (DateTimeOffset, IReadOnlyList<MetricValue>) At(int minute, double busy) => (t0.AddMinutes(minute), [new MetricValue("cpu.busy_percent", "", busy), new MetricValue("load.load1", "", 1)]);

        var reading = SourceReading.FromSamples([At(1, 10), At(3, 30), At(5, 20), At(40, 50), At(70, 99)], query, TimeSpan.FromMinutes(2));

        var series = reading.Series.ShouldHaveSingleItem("load is not asked for");
        series.Points.Select(p => (p.Time, p.Avg)).ShouldBe([(t0, 20d), (t0.AddMinutes(40), 50d)], "the sample at 70 min lies after the window");
        reading.Covered.Select(c => (c.From, c.To)).ShouldBe([(t0.AddMinutes(1), t0.AddMinutes(7)), (t0.AddMinutes(40), t0.AddMinutes(42))]);
    }
}
