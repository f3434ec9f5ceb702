using System.ComponentModel;
using System.Text.Json.Serialization;

namespace Bastion.Providers.WebOps.Health;

/// <summary>The server's resource history, summarised from <c>/monitoring/api/metrics/history/?hours=N</c>.</summary>
internal sealed record MetricsHistory(
    [property: Description("Hours looked back.")] int Hours,
    [property: Description("Samples WebOps returned.")] int Samples,
    [property: Description("Oldest sample's time (UTC).")] DateTimeOffset? From,
    [property: Description("Newest sample's time (UTC).")] DateTimeOffset? To,
    [property: Description("CPU use, percent 0-100.")] MetricSummary? CpuPercent,
    [property: Description("Memory in use, percent 0-100.")] MetricSummary? MemoryPercent,
    [property: Description("Disk in use, percent 0-100.")] MetricSummary? DiskPercent,
    [property: Description("1-minute load average."), JsonPropertyName("load_average_1m")] MetricSummary? LoadAverage1m);
