using System.ComponentModel;
using System.Text.Json.Serialization;

namespace Bastion.Providers.WebOps.Health;

/// <summary>The WebOps server's resources, from <c>resources</c> of <c>/monitoring/api/system/health/</c> (psutil, latest sample).</summary>
internal sealed record ResourceUsage(
    [property: Description("CPU use of the whole server, percent 0-100.")] double? CpuPercent,
    [property: Description("Memory in use, percent 0-100.")] double? MemoryPercent,
    [property: Description("Disk in use, percent 0-100.")] double? DiskPercent,
    [property: Description("1-minute load average."), JsonPropertyName("load_average_1m")] double? LoadAverage1m);
