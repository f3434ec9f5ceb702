namespace Bastion.Core.History;

/// <summary>Aggregates of a series: min, mean, max, percentile, last, and the least-squares trend per hour.</summary>
public static class HistoryMath
{
    /// <summary>The summary of time-ordered points; null when there are none.</summary>
    public static SeriesSummary? Summarize(IReadOnlyList<(DateTimeOffset Time, double Value)> points)
    {
        ArgumentNullException.ThrowIfNull(points);
        if (points.Count == 0)
        {
            return null;
        }

        var values = points.Select(p => p.Value).ToList();
        return new SeriesSummary(
            Round(values.Min()),
            Round(values.Average()),
            Round(values.Max()),
            Round(Percentile(values, 95)),
            Round(values[^1]),
            Round(TrendPerHour(points)));
    }

    /// <summary>The nearest-rank percentile <paramref name="p"/> (0-100) of <paramref name="values"/>.</summary>
    public static double Percentile(IReadOnlyList<double> values, double p)
    {
        ArgumentNullException.ThrowIfNull(values);
        if (values.Count == 0)
        {
            return 0;
        }

        var sorted = values.Order().ToList();
        var rank = (int)Math.Ceiling(p / 100 * sorted.Count);
        return sorted[Math.Clamp(rank - 1, 0, sorted.Count - 1)];
    }

    /// <summary>Least-squares slope of value over time, per hour; 0 with fewer than two points.</summary>
    public static double TrendPerHour(IReadOnlyList<(DateTimeOffset Time, double Value)> points)
    {
        ArgumentNullException.ThrowIfNull(points);
        if (points.Count < 2)
        {
            return 0;
        }

        var t0 = points[0].Time;
        var xs = points.Select(p => (p.Time - t0).TotalHours).ToList();
        var (mx, my) = (xs.Average(), points.Average(p => p.Value));
        double num = 0, den = 0;
        for (var i = 0; i < points.Count; i++)
        {
            num += (xs[i] - mx) * (points[i].Value - my);
            den += (xs[i] - mx) * (xs[i] - mx);
        }

        return den == 0 ? 0 : num / den;
    }

    private static double Round(double value) => Math.Round(value, 3);
}
