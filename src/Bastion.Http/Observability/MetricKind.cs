namespace Bastion.Http.Observability;

/// <summary>How an instrument's measurements are aggregated, and which Prometheus type they are written as.</summary>
internal enum MetricKind
{
    /// <summary><c>Counter&lt;T&gt;</c>: measurements are increments, summed; written as a counter.</summary>
    Counter,

    /// <summary><c>ObservableCounter&lt;T&gt;</c>: observations are running totals, the last one kept; written as a counter.</summary>
    ObservedCounter,

    /// <summary><c>UpDownCounter&lt;T&gt;</c>: measurements are increments or decrements, summed; written as a gauge.</summary>
    UpDownCounter,

    /// <summary><c>Gauge&lt;T&gt;</c> and the observable gauges and up-down counters: the last value kept; written as a gauge.</summary>
    Gauge,

    /// <summary><c>Histogram&lt;T&gt;</c>: counted into fixed buckets with a sum and a count; written as a histogram.</summary>
    Histogram,
}
