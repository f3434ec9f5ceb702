using System.Collections.Concurrent;
using System.Text;

namespace Bastion.Http.Observability;

/// <summary>Everything recorded through one instrument: a series per tag set, written as one Prometheus metric family.</summary>
/// <param name="name">The exposition name, e.g. <c>bastion_tool_calls_total</c>.</param>
/// <param name="help">The instrument's description.</param>
/// <param name="kind">How measurements aggregate.</param>
/// <param name="bounds">Ascending bucket upper bounds for a histogram (without +Inf); null for other kinds.</param>
internal sealed class MetricFamily(string name, string help, MetricKind kind, double[]? bounds)
{
    private readonly ConcurrentDictionary<string, MetricSeries> _series = new(StringComparer.Ordinal);

    public string Name => name;

    /// <summary>Aggregates one measurement into the series of its tags.</summary>
    public void Record(double value, ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        var series = _series.GetOrAdd(PrometheusText.Labels(tags), static (labels, bounds) => new MetricSeries(labels, bounds), bounds);
        switch (kind)
        {
            case MetricKind.Counter or MetricKind.UpDownCounter:
                series.Add(value);
                break;
            case MetricKind.ObservedCounter or MetricKind.Gauge:
                series.Set(value);
                break;
            case MetricKind.Histogram:
                series.Observe(value);
                break;
        }
    }

    /// <summary>Writes <c># HELP</c>, <c># TYPE</c> and the samples, series sorted by their labels.</summary>
    public void WriteTo(StringBuilder text)
    {
        text.Append("# HELP ").Append(name).Append(' ').Append(PrometheusText.EscapeHelp(help)).Append('\n');
        text.Append("# TYPE ").Append(name).Append(' ').Append(kind switch
        {
            MetricKind.Counter or MetricKind.ObservedCounter => "counter",
            MetricKind.Histogram => "histogram",
            _ => "gauge",
        }).Append('\n');

        var all = _series.Values.OrderBy(s => s.Labels, StringComparer.Ordinal).ToList();
        if (all.Count == 0 && kind is MetricKind.Counter or MetricKind.UpDownCounter)
        {
            // Nothing recorded yet: a total without tags is truly zero, and tagged series appear with their first measurement.
            all.Add(new MetricSeries(string.Empty, null));
        }

        foreach (var series in all)
        {
            var (value, count, buckets) = series.Snapshot();
            if (kind != MetricKind.Histogram)
            {
                Sample(text, name, series.Labels, null, value);
                continue;
            }

            long cumulative = 0;
            for (var i = 0; i < buckets.Length; i++)
            {
                cumulative += buckets[i];
                Sample(text, name + "_bucket", series.Labels, PrometheusText.Number(i < bounds!.Length ? bounds[i] : double.PositiveInfinity), cumulative);
            }

            Sample(text, name + "_sum", series.Labels, null, value);
            Sample(text, name + "_count", series.Labels, null, count);
        }
    }

    private static void Sample(StringBuilder text, string metric, string labels, string? le, double value)
    {
        text.Append(metric);
        if (labels.Length > 0 || le is not null)
        {
            text.Append('{').Append(labels);
            if (le is not null)
            {
                text.Append(labels.Length > 0 ? "," : string.Empty).Append("le=\"").Append(le).Append('"');
            }

            text.Append('}');
        }

        text.Append(' ').Append(PrometheusText.Number(value)).Append('\n');
    }
}
