using System.ComponentModel;

namespace Bastion.Core.Metrics;

/// <summary>A host's CPU, load, memory, swap, disk and network figures at one moment.</summary>
public sealed record MetricsSnapshot(
    [property: Description("Inventory name of the host.")] string Host,
    [property: Description("When the sample window ended, UTC ISO-8601 (clock of the Bastion server).")] DateTimeOffset SampledAt,
    [property: Description("Length of the sample window in seconds, measured on the host (/proc/uptime).")] double SampleSeconds,
    [property: Description("CPU utilisation over the sample window.")] CpuUsage Cpu,
    [property: Description("Load averages.")] LoadSummary Load,
    [property: Description("Memory.")] MemoryUsage Memory,
    [property: Description("Swap.")] SwapUsage Swap,
    [property: Description("Mounted file systems with a size, fullest first (at most limit).")] IReadOnlyList<DiskUsage> Disks,
    [property: Description("Network interfaces, busiest first (at most limit).")] IReadOnlyList<NetworkThroughput> Network,
    [property: Description("What was left out or could not be read, in words; empty when nothing was.")] IReadOnlyList<string> Notes);
