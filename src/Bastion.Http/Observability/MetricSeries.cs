namespace Bastion.Http.Observability;

/// <summary>The aggregate of one instrument for one set of tags. Thread-safe: measurements arrive on any thread.</summary>
/// <param name="labels">The series' labels as written between braces (<c>outcome="ok",tool="hosts_list"</c>), or empty.</param>
/// <param name="bounds">Ascending bucket upper bounds for a histogram (without +Inf); null for other kinds.</param>
internal sealed class MetricSeries(string labels, double[]? bounds)
{
    private readonly Lock _lock = new();
    private readonly long[]? _buckets = bounds is null ? null : new long[bounds.Length + 1];
    private double _value;
    private long _count;

    /// <summary>The labels as written between braces; empty when the series has no tags.</summary>
    public string Labels => labels;

    /// <summary>Adds <paramref name="increment"/> to the value (counters, up-down counters).</summary>
    public void Add(double increment)
    {
        lock (_lock)
        {
            _value += increment;
        }
    }

    /// <summary>Replaces the value (gauges, observed totals).</summary>
    public void Set(double value)
    {
        lock (_lock)
        {
            _value = value;
        }
    }

    /// <summary>Counts <paramref name="value"/> into the first bucket whose upper bound is at least the value, or +Inf.</summary>
    public void Observe(double value)
    {
        if (double.IsNaN(value) || _buckets is null)
        {
            return;
        }

        var index = Array.BinarySearch(bounds!, value);
        index = index >= 0 ? index : ~index;
        lock (_lock)
        {
            _buckets[index]++;
            _value += value;
            _count++;
        }
    }

    /// <summary>A consistent copy: the value (the sum for a histogram), the count, and the per-bucket counts (not cumulative).</summary>
    public (double Value, long Count, long[] Buckets) Snapshot()
    {
        lock (_lock)
        {
            return (_value, _count, _buckets is null ? [] : (long[])_buckets.Clone());
        }
    }
}
