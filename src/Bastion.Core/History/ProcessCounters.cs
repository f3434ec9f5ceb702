namespace Bastion.Core.History;

/// <summary>One process's counters at a tick: CPU ticks (user + system) since it started, its start, and its resident memory.</summary>
public sealed record ProcessCounters(int Pid, string Name, long CpuTicks, long StartTicks, long RssBytes);
