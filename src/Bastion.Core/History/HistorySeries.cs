using System.ComponentModel;

namespace Bastion.Core.History;

/// <summary>One series of one host over the window.</summary>
public sealed record HistorySeries(
    [property: Description("Series name; its suffix is the unit (_percent 0-100, _bytes, _bytes_per_second, _per_second, _ms), e.g. cpu.busy_percent.")] string Metric,
    [property: Description("Mount point, interface or device; empty for host-wide series; '*' for the host's aggregate (fullest disk, busiest device, all non-virtual interfaces).")] string Instance,
    [property: Description("Where the points come from: bastion-collector (Bastion's store), sysstat (sar data on the host), alpacon, cloudways or cloudstack (the platform's own history).")] string Source,
    [property: Description("Min, avg, max, p95, last and trend per hour of the points.")] SeriesSummary? Summary,
    [property: Description("Points, oldest first.")] IReadOnlyList<HistoryPoint> Points);
