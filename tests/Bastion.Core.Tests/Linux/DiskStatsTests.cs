using Bastion.Core.Linux;

namespace Bastion.Core.Tests.Linux;

public class DiskStatsTests
{
    [Fact]
    public void DiskStats_ReadsCountersOfRealDevices_AndLeavesOutIdleLoopAndRamDevices()
    {
        // Captured on a Debian 12 VM: eight idle loop devices, vda, and an idle zram0.
        var entries = DiskStatsEntry.Parse(Fixture.Read("history/proc-diskstats-vda"));
        var vda = entries.ShouldHaveSingleItem();
        vda.ShouldBe(new DiskStatsEntry("vda", 30615, 1873402, 18531, 27825, 1843480, 7664, 18632));
    }

    [Fact]
    public void DiskStats_LeavesOutBusyZramAndOpticalDrives_ThatAreNotDisks()
    {
        // zram used as swap and a mounted ISO do I/O, yet are not storage a disk-I/O question is about.
        var entries = DiskStatsEntry.Parse(
            " 252 0 zram0 9120 0 72960 31 40112 0 320896 402 0 610 433\n" +
            " 11 0 sr0 310 0 24800 120 0 0 0 0 0 140 120\n" +
            " 8 0 sda 10 0 80 1 5 0 40 1 0 2 2\n");
        entries.Select(e => e.Device).ShouldBe(["sda"]);
    }

    [Fact]
    public void DiskStats_AcceptsOldKernels_WithElevenCounters()
    {
        var entry = DiskStatsEntry.Parse("   8       0 sda 4521 12 182334 9213 902 301 90112 2210 0 7012 11423\n").ShouldHaveSingleItem();
        entry.ReadsCompleted.ShouldBe(4521);
        entry.SectorsWritten.ShouldBe(90112);
        entry.IoMilliseconds.ShouldBe(7012);
    }

    [Fact]
    public void WholeDevices_DropsPartitions_SoIoIsNotCountedTwice()
    {
        var entries = DiskStatsEntry.Parse(
            " 259 0 nvme0n1 100 0 800 10 50 0 400 5 0 20 15\n" +
            " 259 1 nvme0n1p1 60 0 480 6 30 0 240 3 0 12 9\n" +
            " 8 0 sda 10 0 80 1 5 0 40 1 0 2 2\n" +
            " 8 1 sda1 10 0 80 1 5 0 40 1 0 2 2\n" +
            " 253 0 dm-0 40 0 320 4 20 0 160 2 0 8 6\n");
        DiskStatsEntry.WholeDevices(entries).Select(e => e.Device).ShouldBe(["nvme0n1", "sda", "dm-0"]);
    }

    [Theory]
    [InlineData("", "empty")]
    [InlineData(" 8 0 sda 1 2 3", "at least 14 fields")]
    [InlineData(" 8 0 sda 1 2 x 4 5 6 7 8 9 10 11", "not a whole number")]
    public void DiskStats_Throws_OnMalformedText(string text, string message) =>
        Should.Throw<FormatException>(() => DiskStatsEntry.Parse(text)).Message.ShouldContain(message);
}
