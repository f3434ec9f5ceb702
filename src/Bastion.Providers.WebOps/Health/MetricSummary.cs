using System.ComponentModel;

namespace Bastion.Providers.WebOps.Health;

/// <summary>One metric over a time range.</summary>
internal sealed record MetricSummary(
    [property: Description("Lowest sample.")] double Min,
    [property: Description("Mean of the samples.")] double Average,
    [property: Description("Highest sample.")] double Max,
    [property: Description("Newest sample.")] double Last)
{
    public static MetricSummary? Of(IReadOnlyList<double> samples) =>
        samples.Count == 0 ? null : new(samples.Min(), Math.Round(samples.Average(), 2), samples.Max(), samples[^1]);
}
