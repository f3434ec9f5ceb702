using System.ComponentModel;
using System.Text.Json;

namespace Bastion.Providers.Alpacon.Metrics;

/// <summary>A metric of one Alpacon server over a time range, with statistics of every numeric field.</summary>
internal sealed record MetricSeries(
    [property: Description("Bastion host name of the server.")] string Host,
    [property: Description("Alpacon workspace.")] string Workspace,
    [property: Description("cpu, memory, disk_usage, disk_io or traffic.")] AlpaconMetric Metric,
    [property: Description("The Alpacon API path the points come from, e.g. /api/metrics/realtime/cpu/.")] string Source,
    [property: Description("Start of the range asked for, UTC ISO-8601.")] DateTimeOffset Start,
    [property: Description("End of the range asked for, UTC ISO-8601; null: up to now.")] DateTimeOffset? End,
    [property: Description("The device, partition or interface the series is for, when one applies.")] string? Subject,
    [property: Description("How many points Alpacon returned.")] int Points,
    [property: Description("min/avg/max/latest of each numeric field over all points.")] IReadOnlyList<FieldSummary> Statistics,
    [property: Description("The newest points (at most limit), oldest first, as Alpacon sends them (timestamp UTC ISO-8601 plus the fields above).")] IReadOnlyList<JsonElement> Rows,
    [property: Description("Remarks, e.g. how many points were left out of rows.")] IReadOnlyList<string> Notes);
