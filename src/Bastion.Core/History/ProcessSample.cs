using System.ComponentModel;

namespace Bastion.Core.History;

/// <summary>One process among a tick's top 5 by CPU or by resident memory, from <c>/proc/[pid]/stat</c> and <c>/proc/[pid]/status</c>.</summary>
public sealed record ProcessSample(
    [property: Description("Process id.")] int Pid,
    [property: Description("Executable name (comm).")] string Name,
    [property: Description("CPU since the tick before, percent of one CPU (may exceed 100); null on a host's first tick.")] double? CpuPercent,
    [property: Description("Resident memory, bytes.")] long RssBytes);
