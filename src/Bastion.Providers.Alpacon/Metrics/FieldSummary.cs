using System.ComponentModel;

namespace Bastion.Providers.Alpacon.Metrics;

/// <summary>Statistics of one numeric field over a series' points.</summary>
internal sealed record FieldSummary(
    [property: Description("The field, as Alpacon names it: usage (percent 0-100) for cpu, memory and disk_usage; used/total/free in bytes for disk_usage; peak_/avg_ input/output _bps (bits/s) and _pps (packets/s) for traffic; the throughput fields Alpacon sends for disk_io.")] string Field,
    [property: Description("Points that carried the field.")] int Points,
    [property: Description("Smallest value.")] double Min,
    [property: Description("Mean value.")] double Avg,
    [property: Description("Largest value.")] double Max,
    [property: Description("Value of the newest point.")] double Latest);
