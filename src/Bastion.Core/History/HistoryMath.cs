using System.Buffers;
using System.Runtime.InteropServices;

namespace Bastion.Core.History;

/// <summary>
/// Aggregates of a series' points (their <see cref="StoredPoint.Avg"/>): min, mean, max, percentile, last, and the
/// least-squares trend per hour. Each walks the points where they are (the array or list the store gave, as a span),
/// without a copy of them (a ranking of 200 hosts aggregates 12,000 points per call); the sums are taken in the points'
/// order, oldest first, so the figures are the same to the last bit whoever asks.
/// </summary>
public static class HistoryMath
{
    /// <summary>The summary of time-ordered points; null when there are none.</summary>
    public static SeriesSummary? Summarize(IReadOnlyList<StoredPoint> points)
    {
        var all = Span(points);
        if (all.Length == 0)
        {
            return null;
        }

        var (min, max) = (all[0].Avg, all[0].Avg);
        var values = new double[all.Length];
        for (var i = 0; i < all.Length; i++)
        {
            var v = values[i] = all[i].Avg;
            min = v < min ? v : min;
            max = v > max ? v : max;
        }

        return new SeriesSummary(
            Round(min),
            // + 0.0: a mean of negative zeros only (never from the store) is 0 here, as the sum from 0 always gave.
            Round(Mean(all) + 0.0),
            Round(max),
            Round(Percentile(values, 95)),
            Round(all[^1].Avg),
            Round(TrendPerHour(all)));
    }

    /// <summary>The mean of the points, summed from the first; the points must not be empty.</summary>
    public static double Mean(IReadOnlyList<StoredPoint> points) => Mean(Span(points));

    /// <summary>The greatest point; the points must not be empty.</summary>
    public static double Max(IReadOnlyList<StoredPoint> points) => Max(Span(points));

    /// <summary>The nearest-rank percentile <paramref name="p"/> (0-100) of the points.</summary>
    public static double Percentile(IReadOnlyList<StoredPoint> points, double p) => Percentile(Span(points), p);

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

    /// <summary>Least-squares slope of value over time, per hour; 0 with fewer than two points. Two passes over the
    /// points: their means, then the sums about the means (not the one-pass sums of squares, which lose digits).</summary>
    public static double TrendPerHour(IReadOnlyList<StoredPoint> points) => TrendPerHour(Span(points));

    /// <summary>The mean of the points, summed from the first; the points must not be empty.</summary>
    internal static double Mean(ReadOnlySpan<StoredPoint> points)
    {
        ArgumentOutOfRangeException.ThrowIfZero(points.Length, nameof(points));
        var sum = points[0].Avg;
        for (var i = 1; i < points.Length; i++)
        {
            sum += points[i].Avg;
        }

        return sum / points.Length;
    }

    /// <summary>The greatest point; the points must not be empty.</summary>
    internal static double Max(ReadOnlySpan<StoredPoint> points)
    {
        ArgumentOutOfRangeException.ThrowIfZero(points.Length, nameof(points));
        var max = points[0].Avg;
        for (var i = 1; i < points.Length; i++)
        {
            max = points[i].Avg > max ? points[i].Avg : max;
        }

        return max;
    }

    /// <summary>The nearest-rank percentile <paramref name="p"/> (0-100) of the points.</summary>
    internal static double Percentile(ReadOnlySpan<StoredPoint> points, double p)
    {
        var values = new double[points.Length];
        for (var i = 0; i < values.Length; i++)
        {
            values[i] = points[i].Avg;
        }

        return Percentile(values, p);
    }

    /// <summary>Least-squares slope of value over time, per hour, as <see cref="TrendPerHour(IReadOnlyList{StoredPoint})"/>.</summary>
    internal static double TrendPerHour(ReadOnlySpan<StoredPoint> points)
    {
        if (points.Length < 2)
        {
            return 0;
        }

        // Hours since the first point as TimeSpan.TotalHours gives them (ticks over ticks per hour), from the ticks:
        // worked out once per point, in the first pass, and read again in the second.
        double[]? rented = null;
        var hours = points.Length <= 256 ? stackalloc double[points.Length] : (rented = ArrayPool<double>.Shared.Rent(points.Length)).AsSpan(0, points.Length);
        var t0 = points[0].Time.UtcTicks;
        var (sx, sy) = (0.0, points[0].Avg);
        hours[0] = 0;
        for (var i = 1; i < points.Length; i++)
        {
            hours[i] = (double)(points[i].Time.UtcTicks - t0) / TimeSpan.TicksPerHour;
            sx += hours[i];
            sy += points[i].Avg;
        }

        var (mx, my) = (sx / points.Length, sy / points.Length);
        double num = 0, den = 0;
        for (var i = 0; i < points.Length; i++)
        {
            var dx = hours[i] - mx;
            num += dx * (points[i].Avg - my);
            den += dx * dx;
        }

        if (rented is not null)
        {
            ArrayPool<double>.Shared.Return(rented);
        }

        return den == 0 ? 0 : num / den;
    }

    /// <summary>The points where they are: the array or list itself, a copy only of another kind of list.</summary>
    internal static ReadOnlySpan<StoredPoint> Span(IReadOnlyList<StoredPoint> points) => points switch
    {
        null => throw new ArgumentNullException(nameof(points)),
        StoredPoint[] array => array,
        List<StoredPoint> list => CollectionsMarshal.AsSpan(list),
        _ => points.ToArray(),
    };

    private static double Round(double value) => Math.Round(value, 3);
}
