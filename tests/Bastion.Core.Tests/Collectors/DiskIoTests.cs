using Bastion.Core.Linux;
using Bastion.Core.Metrics;

namespace Bastion.Core.Tests.Collectors;

public class DiskIoTests
{
    // Captured 1.03 s apart (/proc/uptime 6337.37 → 6338.40) on a Debian 12 VM around a 20 MiB direct write.
    private const double Window = 6338.40 - 6337.37;

    private static DiskStatsEntry Vda(string file) => DiskStatsEntry.Parse(Fixture.Read($"debian12/{file}")).Single(e => e.Device == "vda");

    [Fact]
    public void Between_GivesIostatFigures_OfCapturedDiskstats()
    {
        var io = DiskIo.Between(Vda("proc-diskstats-1"), Vda("proc-diskstats-2"), Window).ShouldNotBeNull();

        // vda counters: reads 106860→106888, sectors read 3158426→3159154, read ms 64381→64386, writes 374483→374543,
        // sectors written 13932992→13979072, write ms 140400→140440, io ms 72644→72668.
        io.Device.ShouldBe("vda");
        io.ReadsPerSecond.ShouldBe(Math.Round(28 / Window, 2));
        io.WritesPerSecond.ShouldBe(Math.Round(60 / Window, 2));
        io.ReadBytesPerSecond.ShouldBe(Math.Round(728 * 512 / Window, 1));
        io.WriteBytesPerSecond.ShouldBe(Math.Round(46080 * 512 / Window, 1));
        io.WriteBytesPerSecond.ShouldBeGreaterThan(20 * 1024 * 1024 / Window * 0.99, "the 20 MiB write is in the window");
        io.AwaitMs.ShouldBe(Math.Round(45.0 / 88, 2));
        io.UtilPercent.ShouldBe(Math.Round(24 / (Window * 10), 2));
    }

    [Fact]
    public void Between_GivesNoRates_WhenCountersWentBackwards()
    {
        var before = Vda("proc-diskstats-2");
        var after = Vda("proc-diskstats-1");
        DiskIo.Between(before, after, Window).ShouldBeNull();
        DiskIo.Between(after, before, 0).ShouldBeNull();
        DiskIo.Between([before], [after], Window).ShouldBeEmpty();
    }

    [Fact]
    public void Between_GivesZeroAwaitAndCapsUtilisation_WhenNothingCompleted()
    {
        var before = new DiskStatsEntry("sda", 10, 80, 5, 10, 80, 5, 1000);
        var after = before with { IoMilliseconds = 5000 };
        var io = DiskIo.Between(before, after, 2).ShouldNotBeNull();
        io.AwaitMs.ShouldBe(0);
        io.ReadsPerSecond.ShouldBe(0);
        io.UtilPercent.ShouldBe(100);
    }

    [Fact]
    public void Between_MatchesDevicesByName_AndSkipsOnesThatAppeared()
    {
        var sda = new DiskStatsEntry("sda", 10, 80, 5, 10, 80, 5, 100);
        var sdb = new DiskStatsEntry("sdb", 1, 8, 1, 1, 8, 1, 10);
        var list = DiskIo.Between([sda], [sdb, sda with { ReadsCompleted = 30 }], 2);
        list.ShouldHaveSingleItem().Device.ShouldBe("sda");
        list[0].ReadsPerSecond.ShouldBe(10);
    }
}
