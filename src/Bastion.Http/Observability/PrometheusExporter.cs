using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using System.Text;
using Bastion.Core.Telemetry;

namespace Bastion.Http.Observability;

/// <summary>
/// Serves a meter's instruments (by default Bastion's, see <see cref="BastionTelemetry"/>) in the Prometheus text
/// exposition format 0.0.4, for <c>GET /metrics</c>. A <see cref="MeterListener"/> aggregates in memory from the moment
/// the exporter is created (earlier measurements are not seen): counters and up-down counters are summed per tag set,
/// gauges keep their last value, histograms count into fixed buckets (the instrument's advice, else
/// <see cref="BastionTelemetry.DurationBuckets"/>, in seconds) with a sum and a count.
/// <para>
/// Names follow the OpenTelemetry-to-Prometheus conventions: dots become underscores, the unit is appended in words
/// (<c>s</c> → <c>_seconds</c>), counters end in <c>_total</c>; so <c>bastion.tool.duration</c> is written as
/// <c>bastion_tool_duration_seconds_bucket{tool="hosts_list",le="0.1"}</c>, <c>…_sum</c> and <c>…_count</c>. Thread-safe;
/// dispose it to stop listening.
/// </para>
/// </summary>
public sealed class PrometheusExporter : IDisposable
{
    /// <summary>The <c>Content-Type</c> of <see cref="Render"/>'s text.</summary>
    public const string ContentType = "text/plain; version=0.0.4; charset=utf-8";

    private readonly ConcurrentDictionary<Instrument, MetricFamily> _families = new();
    private readonly MeterListener _listener = new();
    private volatile bool _disposed;

    /// <summary>Starts listening to the meter called <paramref name="meterName"/>, including instruments it already has.</summary>
    /// <param name="meterName">Which meter to export; Bastion's own by default.</param>
    public PrometheusExporter(string meterName = BastionTelemetry.Name)
    {
        ArgumentException.ThrowIfNullOrEmpty(meterName);
        _listener.InstrumentPublished = (instrument, listener) =>
        {
            if (instrument.Meter.Name == meterName && Kind(instrument) is { } kind)
            {
                var family = new MetricFamily(PrometheusText.MetricName(instrument, kind), instrument.Description ?? instrument.Name, kind, kind == MetricKind.Histogram ? Bounds(instrument) : null);
                _families[instrument] = family;
                listener.EnableMeasurementEvents(instrument, family);
            }
        };
        _listener.MeasurementsCompleted = (instrument, _) =>
        {
            if (!_disposed)
            {
                _families.TryRemove(instrument, out var _); // the instrument's meter was disposed: its figures go with it
            }
        };
        _listener.SetMeasurementEventCallback<byte>((_, value, tags, family) => ((MetricFamily)family!).Record(value, tags));
        _listener.SetMeasurementEventCallback<short>((_, value, tags, family) => ((MetricFamily)family!).Record(value, tags));
        _listener.SetMeasurementEventCallback<int>((_, value, tags, family) => ((MetricFamily)family!).Record(value, tags));
        _listener.SetMeasurementEventCallback<long>((_, value, tags, family) => ((MetricFamily)family!).Record(value, tags));
        _listener.SetMeasurementEventCallback<float>((_, value, tags, family) => ((MetricFamily)family!).Record(value, tags));
        _listener.SetMeasurementEventCallback<double>((_, value, tags, family) => ((MetricFamily)family!).Record(value, tags));
        _listener.SetMeasurementEventCallback<decimal>((_, value, tags, family) => ((MetricFamily)family!).Record((double)value, tags));
        _listener.Start();
    }

    /// <summary>
    /// The current figures in the text format 0.0.4 (UTF-8 when sent; see <see cref="ContentType"/>): for each metric,
    /// sorted by name, a <c># HELP</c> and a <c># TYPE</c> line, then one sample per line ending in <c>\n</c>. Observable
    /// instruments are read at this moment.
    /// </summary>
    public string Render()
    {
        _listener.RecordObservableInstruments();
        var text = new StringBuilder();
        foreach (var family in _families.Values.OrderBy(f => f.Name, StringComparer.Ordinal))
        {
            family.WriteTo(text);
        }

        return text.ToString();
    }

    /// <summary>Writes <see cref="Render"/>'s text to <paramref name="stream"/> as UTF-8.</summary>
    public async Task WriteAsync(Stream stream, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(stream);
        await stream.WriteAsync(Encoding.UTF8.GetBytes(Render()), cancellationToken);
    }

    /// <summary>Stops listening; what was aggregated can still be rendered.</summary>
    public void Dispose()
    {
        _disposed = true;
        _listener.Dispose();
    }

    private static MetricKind? Kind(Instrument instrument)
    {
        var type = instrument.GetType();
        if (!type.IsGenericType)
        {
            return null;
        }

        var definition = type.GetGenericTypeDefinition();
        return definition == typeof(Counter<>) ? MetricKind.Counter
            : definition == typeof(ObservableCounter<>) ? MetricKind.ObservedCounter
            : definition == typeof(UpDownCounter<>) ? MetricKind.UpDownCounter
            : definition == typeof(Histogram<>) ? MetricKind.Histogram
            : definition == typeof(Gauge<>) || definition == typeof(ObservableGauge<>) || definition == typeof(ObservableUpDownCounter<>) ? MetricKind.Gauge
            : null;
    }

    private static double[] Bounds(Instrument instrument)
    {
        IEnumerable<double>? advised = instrument switch
        {
            Instrument<double> d => d.Advice?.HistogramBucketBoundaries,
            Instrument<float> f => f.Advice?.HistogramBucketBoundaries?.Select(b => (double)b),
            Instrument<long> l => l.Advice?.HistogramBucketBoundaries?.Select(b => (double)b),
            Instrument<int> i => i.Advice?.HistogramBucketBoundaries?.Select(b => (double)b),
            _ => null,
        };
        return [.. (advised ?? BastionTelemetry.DurationBuckets).Where(b => !double.IsNaN(b) && !double.IsPositiveInfinity(b)).Order().Distinct()];
    }
}
