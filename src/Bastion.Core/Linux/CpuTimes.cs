namespace Bastion.Core.Linux;

/// <summary>Cumulative CPU time per state since boot, in clock ticks (USER_HZ), from a <c>cpu</c> line of <c>/proc/stat</c>.</summary>
public sealed record CpuTimes(long User, long Nice, long System, long Idle, long IoWait, long Irq, long SoftIrq, long Steal)
{
    /// <summary>Sum of all states (guest time is already counted in user and nice).</summary>
    public long Total => User + Nice + System + Idle + IoWait + Irq + SoftIrq + Steal;
}
