using System.ComponentModel;
using Bastion.Core.Linux;

namespace Bastion.Core.Metrics;

/// <summary>CPU utilisation over the sample window, from two readings of <c>/proc/stat</c>. Percent 0–100 of all CPUs together.</summary>
public sealed record CpuUsage(
    [property: Description("Logical CPUs.")] int CpuCount,
    [property: Description("Percent of CPU time not idle and not waiting for I/O (100 - idle - iowait).")] double BusyPercent,
    [property: Description("Percent in user mode, including nice.")] double UserPercent,
    [property: Description("Percent in kernel mode, including hard and soft interrupts.")] double SystemPercent,
    [property: Description("Percent idle while waiting for disk or network I/O; high values point at storage.")] double IowaitPercent,
    [property: Description("Percent stolen by the hypervisor for other guests; high values mean a noisy neighbour or an undersized VM.")] double StealPercent,
    [property: Description("Percent idle.")] double IdlePercent)
{
    /// <summary>Utilisation between two readings of the aggregate cpu line.</summary>
    public static CpuUsage Between(CpuTimes before, CpuTimes after, int cpuCount)
    {
        ArgumentNullException.ThrowIfNull(before);
        ArgumentNullException.ThrowIfNull(after);
        var total = after.Total - before.Total;
        double Pct(long delta) => total <= 0 ? 0 : Math.Round(Math.Max(0, delta) * 100.0 / total, 1);
        var idle = Pct(after.Idle - before.Idle);
        var iowait = Pct(after.IoWait - before.IoWait);
        return new CpuUsage(
            cpuCount,
            total <= 0 ? 0 : Math.Round(Math.Max(0, 100 - idle - iowait), 1),
            Pct(after.User + after.Nice - before.User - before.Nice),
            Pct(after.System + after.Irq + after.SoftIrq - before.System - before.Irq - before.SoftIrq),
            iowait,
            Pct(after.Steal - before.Steal),
            idle);
    }
}
