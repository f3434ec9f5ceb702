using Bastion.Core.Linux;

namespace Bastion.Core.Tests.Linux;

public class ProcFilesTests
{
    [Fact]
    public void ProcStat_ReadsAggregateCpuLine_CpuCount_AndBootTime()
    {
        var stat = ProcStat.Parse(Fixture.Read("debian12/proc-stat"));
        stat.Total.ShouldBe(new CpuTimes(9416, 0, 3031, 134471, 377, 0, 34, 9));
        stat.CpuCount.ShouldBe(2);
        stat.BootTimeUnixSeconds.ShouldBe(1795255194);
        stat.ProcessesRunning.ShouldNotBeNull();
    }

    [Fact]
    public void ProcStat_AcceptsOldKernels_WithFourCpuFields()
    {
        var stat = ProcStat.Parse("cpu 10 20 30 40\ncpu0 10 20 30 40\nbtime 100\n");
        stat.Total.Total.ShouldBe(100);
        stat.Total.IoWait.ShouldBe(0);
    }

    [Theory]
    [InlineData("", "empty")]
    [InlineData("cpu0 1 2 3 4\nbtime 5", "no aggregate 'cpu' line")]
    [InlineData("cpu 1 2 3 4", "no 'btime' line")]
    [InlineData("cpu 1 x 3 4\nbtime 5", "not a whole number")]
    [InlineData("cpu 1 2\nbtime 5", "at least 4")]
    public void ProcStat_Throws_OnMalformedText(string text, string message) =>
        Should.Throw<FormatException>(() => ProcStat.Parse(text)).Message.ShouldContain(message);

    [Fact]
    public void LoadAverage_ReadsAllFields()
    {
        var load = LoadAverage.Parse(Fixture.Read("debian12/proc-loadavg"));
        load.ShouldBe(new LoadAverage(0.86, 0.31, 0.11, 1, 79));
    }

    [Theory]
    [InlineData("")]
    [InlineData("0.1 0.2")]
    [InlineData("a b c 1/2 3")]
    [InlineData("0.1 0.2 0.3 12 3")]
    public void LoadAverage_Throws_OnMalformedText(string text) =>
        Should.Throw<FormatException>(() => LoadAverage.Parse(text));

    [Fact]
    public void MemInfo_ConvertsKiBToBytes_AndCountsReclaimableSlabAsCache()
    {
        var mem = MemInfo.Parse(Fixture.Read("debian12/proc-meminfo"));
        mem.TotalBytes.ShouldBe(24684092L * 1024);
        mem.FreeBytes.ShouldBe(24174016L * 1024);
        mem.AvailableBytes.ShouldBe(24285288L * 1024);
        mem.BuffersBytes.ShouldBe(3604L * 1024);
        mem.CachedBytes.ShouldBe((266616L + 109896L) * 1024);
        mem.SwapTotalBytes.ShouldBe(0);
    }

    [Fact]
    public void MemInfo_EstimatesAvailable_OnKernelsWithoutMemAvailable()
    {
        var mem = MemInfo.Parse("MemTotal: 1000 kB\nMemFree: 100 kB\nBuffers: 50 kB\nCached: 200 kB\nSwapTotal: 500 kB\nSwapFree: 400 kB\nHugePages_Total: 0\n");
        mem.AvailableBytes.ShouldBe(350 * 1024);
        mem.SwapFreeBytes.ShouldBe(400 * 1024);
    }

    [Theory]
    [InlineData("")]
    [InlineData("MemFree: 100 kB\n")]
    public void MemInfo_Throws_WithoutMemTotal(string text) =>
        Should.Throw<FormatException>(() => MemInfo.Parse(text));

    [Fact]
    public void Uptime_ReadsBothFigures()
    {
        Uptime.Parse(Fixture.Read("debian12/proc-uptime")).ShouldBe(new Uptime(739.25, 1344.71));
        Should.Throw<FormatException>(() => Uptime.Parse("soon"));
    }

    [Fact]
    public void CpuInfo_ReadsX86ModelAndCount()
    {
        var cpu = CpuInfo.Parse(Fixture.Read("debian12/proc-cpuinfo"));
        cpu.Model.ShouldBe("AMD EPYC");
        cpu.LogicalCpus.ShouldBe(2);
        cpu.Sockets.ShouldBe(1);
    }

    [Fact]
    public void CpuInfo_NamesArmCores_WithoutModelName()
    {
        const string arm = "processor\t: 0\nBogoMIPS\t: 108.00\nCPU implementer\t: 0x41\nCPU part\t: 0xd08\n\nprocessor\t: 1\nBogoMIPS\t: 108.00\nCPU implementer\t: 0x41\nCPU part\t: 0xd08\n";
        var cpu = CpuInfo.Parse(arm);
        cpu.Model.ShouldBe("ARM implementer 0x41 part 0xd08");
        cpu.LogicalCpus.ShouldBe(2);
        cpu.Sockets.ShouldBeNull();
    }

    [Fact]
    public void CpuInfo_Throws_WithoutProcessors() =>
        Should.Throw<FormatException>(() => CpuInfo.Parse("flags: fpu vme\n")).Message.ShouldContain("no 'processor' entry");

    [Fact]
    public void NetDev_ReadsCountersPerInterface()
    {
        var counters = NetDevCounters.Parse(Fixture.Read("debian12/proc-net-dev"));
        counters.Select(c => c.Interface).ShouldBe(["lo", "ifb0", "ifb1", "eth0"]);
        counters[3].ShouldBe(new NetDevCounters("eth0", 40052105, 1386, 0, 0, 105122, 1050, 0, 0));
    }

    [Fact]
    public void NetDev_Throws_OnShortInterfaceLine() =>
        Should.Throw<FormatException>(() => NetDevCounters.Parse("eth0: 1 2 3\n")).Message.ShouldContain("'eth0' has 3 counters");

    [Fact]
    public void Mounts_DecodesOctalEscapes()
    {
        var mounts = MountEntry.Parse("/dev/sda1 /mnt/my\\040disk ext4 rw,relatime 0 0\n/dev/vda / ext4 rw 0 0\n");
        mounts[0].MountPoint.ShouldBe("/mnt/my disk");
        mounts[0].FsType.ShouldBe("ext4");
        MountEntry.Parse(Fixture.Read("debian12/proc-mounts")).ShouldContain(m => m.MountPoint == "/" && m.FsType == "ext4");
        Should.Throw<FormatException>(() => MountEntry.Parse("only two\n"));
    }
}
