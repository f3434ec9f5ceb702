using System.ComponentModel;

namespace Bastion.Core.History;

/// <summary>A series in six figures, in the series' unit.</summary>
public sealed record SeriesSummary(
    [property: Description("Least point.")] double Min,
    [property: Description("Mean of the points.")] double Avg,
    [property: Description("Greatest point.")] double Max,
    [property: Description("95th percentile of the points (nearest rank).")] double P95,
    [property: Description("The latest point.")] double Last,
    [property: Description("Least-squares slope of the points, in the series' unit per hour (positive: rising).")] double TrendPerHour);
