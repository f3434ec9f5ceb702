namespace Bastion.Core.History;

/// <summary>One process among a tick's top 5 by CPU or by resident memory.</summary>
/// <param name="Pid">Process id.</param>
/// <param name="Name">The <c>comm</c> name from <c>/proc/[pid]/stat</c>.</param>
/// <param name="CpuPercent">CPU used between the previous tick and this one, percent of one CPU (may exceed 100 on many
/// CPUs); null on the first tick of a host, when there is no earlier counter to compare with.</param>
/// <param name="RssBytes">Resident memory (VmRSS), bytes.</param>
public sealed record ProcessSample(int Pid, string Name, double? CpuPercent, long RssBytes);
