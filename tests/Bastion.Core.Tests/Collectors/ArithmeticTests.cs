using Bastion.Core.Identity;
using Bastion.Core.Linux;
using Bastion.Core.Metrics;
using Bastion.Core.Processes;

namespace Bastion.Core.Tests.Collectors;

public class ArithmeticTests
{
    [Fact]
    public void CpuUsage_SplitsTheWindowByState()
    {
        var before = new CpuTimes(100, 0, 50, 800, 10, 0, 0, 0);
        var after = new CpuTimes(200, 0, 100, 1100, 40, 0, 20, 0);
        var usage = CpuUsage.Between(before, after, 4);
        usage.UserPercent.ShouldBe(20);
        usage.SystemPercent.ShouldBe(14);
        usage.IdlePercent.ShouldBe(60);
        usage.IowaitPercent.ShouldBe(6);
        usage.BusyPercent.ShouldBe(34);
    }

    [Fact]
    public void CpuUsage_IsZero_WhenNoTimePassed()
    {
        var times = new CpuTimes(1, 1, 1, 1, 1, 1, 1, 1);
        CpuUsage.Between(times, times, 1).BusyPercent.ShouldBe(0);
    }

    [Fact]
    public void Memory_CountsUsedAsFreeDoes()
    {
        var m = new MemInfo(1000, 100, 600, 50, 350, 200, 150);
        var memory = MetricsCollector.Memory(m);
        memory.UsedBytes.ShouldBe(500);
        memory.UsedPercent.ShouldBe(40);
        MetricsCollector.Swap(m).UsedPercent.ShouldBe(25);
        MetricsCollector.Swap(m with { SwapTotalBytes = 0, SwapFreeBytes = 0 }).UsedPercent.ShouldBe(0);
    }

    [Theory]
    [InlineData("/usr/share/zoneinfo/Europe/Berlin", null, "Europe/Berlin")]
    [InlineData("../usr/share/zoneinfo/Etc/UTC", "ignored", "Etc/UTC")]
    [InlineData(null, "America/New_York\n", "America/New_York")]
    [InlineData(null, null, null)]
    public void TimeZoneName_ComesFromTheLinkOrTheFile(string? link, string? file, string? expected) =>
        IdentityCollector.TimeZoneName(link, file).ShouldBe(expected);

    [Fact]
    public void Command_ShowsKernelThreadsInBrackets_AndJoinsArguments()
    {
        ProcessCollector.Command("", "kworker/0:1").ShouldBe("[kworker/0:1]");
        ProcessCollector.Command("nginx: worker\0-g\0daemon off;\0", "nginx").ShouldBe("nginx: worker -g daemon off;");
        ProcessCollector.Command(new string('a', 1025), "a").ShouldEndWith("…[1 more characters]");
    }
}
