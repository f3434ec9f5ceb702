using Bastion.Core.History;

namespace Bastion.Core.Alerts;

/// <summary>What a rule may watch: the figures <c>metrics_top</c> ranks by, plus <c>unreachable</c>.</summary>
public static class AlertMetrics
{
    /// <summary>The metric that is 1 for a tick the host did not answer (unreachable or timed out) and 0 otherwise.</summary>
    public const string Unreachable = "unreachable";

    /// <summary>Accepted aggregates.</summary>
    public static IReadOnlyList<string> Aggregates { get; } = ["avg", "max", "min", "last", "p95"];

    /// <summary>Accepted comparisons.</summary>
    public static IReadOnlyList<string> Comparisons { get; } = [">", ">=", "<", "<="];

    /// <summary>Accepted severities, least severe first.</summary>
    public static IReadOnlyList<string> Severities { get; } = ["info", "warning", "critical"];

    /// <summary>Accepted metric names, in documentation order.</summary>
    public static IReadOnlyList<string> Names { get; } = [.. HistoryMetrics.Rankings.Keys, Unreachable];

    /// <summary>The stored series of a metric (not <see cref="Unreachable"/>) and the instance a rule without one watches.</summary>
    public static (string Series, string Instance) SeriesOf(string metric) => HistoryMetrics.Rankings[metric];

    /// <summary>Whether a metric is about an instance (a mount point, device or interface).</summary>
    public static bool HasInstances(string metric) => metric is "disk" or "disk_io" or "network_rx" or "network_tx";

    /// <summary>Combines time-ordered values by an accepted aggregate.</summary>
    public static double Combine(string aggregate, IReadOnlyList<double> values)
    {
        ArgumentNullException.ThrowIfNull(values);
        return aggregate switch
        {
            "avg" => values.Average(),
            "max" => values.Max(),
            "min" => values.Min(),
            "p95" => HistoryMath.Percentile(values, 95),
            _ => values[^1],
        };
    }
}
