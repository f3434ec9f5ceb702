using Bastion.Core.History;

namespace Bastion.Core.Tests.History;

/// <summary>The aggregates that walk the points in place give, to the last bit, what the copies into (time, value)
/// lists and LINQ gave before them.</summary>
public sealed class HistoryMathTests
{
    private static readonly DateTimeOffset Start = new(2026, 12, 6, 12, 0, 0, TimeSpan.Zero);

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(4)]
    [InlineData(5)]
    public void Aggregates_EqualTheLinqFigures_OnRandomSeries(int seed)
    {
        var random = new Random(seed);
        for (var round = 0; round < 200; round++)
        {
            var points = RandomPoints(random, random.Next(1, 400));
            var pairs = points.Select(p => (p.Time, Value: p.Avg)).ToList();

            Bits(HistoryMath.Mean(points)).ShouldBe(Bits(pairs.Average(x => x.Value)));
            Bits(HistoryMath.Max(points)).ShouldBe(Bits(pairs.Max(x => x.Value)));
            Bits(HistoryMath.Percentile(points, 95)).ShouldBe(Bits(HistoryMath.Percentile(pairs.Select(x => x.Value).ToList(), 95)));
            Bits(HistoryMath.TrendPerHour(points)).ShouldBe(Bits(OldTrendPerHour(pairs)));
            Bits(HistoryMath.Summarize(points)!).ShouldBe(Bits(OldSummarize(pairs)));
        }
    }

    [Fact]
    public void Summarize_OfNoPoints_IsNull_AndTheTrendOfOnePoint_IsZero()
    {
        HistoryMath.Summarize([]).ShouldBeNull();
        HistoryMath.TrendPerHour([new StoredPoint(Start, 5, 5, 5, false)]).ShouldBe(0);
        HistoryMath.Summarize([new StoredPoint(Start, 5, 5, 5, false)]).ShouldBe(new SeriesSummary(5, 5, 5, 5, 5, 0));
    }

    [Fact]
    public void Trend_OfPointsAtOneTime_IsZero_AndOfARisingLine_ItsSlope()
    {
        HistoryMath.TrendPerHour([new StoredPoint(Start, 1, 1, 1, false), new StoredPoint(Start, 3, 3, 3, false)]).ShouldBe(0);
        var line = Enumerable.Range(0, 61).Select(i => new StoredPoint(Start.AddMinutes(i), 10 + i / 6.0, 0, 0, false)).ToList();
        HistoryMath.TrendPerHour(line).ShouldBe(10, 1e-9, "a tenth a minute is 10 an hour");
    }

    [Fact]
    public void MeanAndMax_OfNoPoints_Throw()
    {
        Should.Throw<ArgumentOutOfRangeException>(() => HistoryMath.Mean([]));
        Should.Throw<ArgumentOutOfRangeException>(() => HistoryMath.Max([]));
    }

    /// <summary>Points oldest first at uneven spacing (gaps included), values as the store gives them (thousandths) or
    /// any double, negative zero among them.</summary>
    private static List<StoredPoint> RandomPoints(Random random, int count)
    {
        var points = new List<StoredPoint>(count);
        var at = Start.AddSeconds(random.Next(0, 3600));
        var thousandths = random.Next(2) == 0;
        for (var i = 0; i < count; i++)
        {
            var value = random.Next(20) switch
            {
                0 => -0.0,
                1 => 0.0,
                _ => thousandths ? random.Next(-100_000, 100_000) / 1000.0 : (random.NextDouble() - 0.3) * Math.Pow(10, random.Next(-3, 9)),
            };
            points.Add(new StoredPoint(at, value, value, value, false));
            at = at.AddSeconds(random.Next(10) == 0 ? random.Next(61, 7200) : 60);
        }

        return points;
    }

    private static long Bits(double value) => BitConverter.DoubleToInt64Bits(value);

    private static long[] Bits(SeriesSummary s) => [Bits(s.Min), Bits(s.Avg), Bits(s.Max), Bits(s.P95), Bits(s.Last), Bits(s.TrendPerHour)];

    /// <summary>HistoryMath.Summarize as it was, over (time, value) pairs.</summary>
    private static SeriesSummary OldSummarize(List<(DateTimeOffset Time, double Value)> points)
    {
        var values = points.Select(p => p.Value).ToList();
        return new SeriesSummary(
            Math.Round(values.Min(), 3),
            Math.Round(values.Average(), 3),
            Math.Round(values.Max(), 3),
            Math.Round(HistoryMath.Percentile(values, 95), 3),
            Math.Round(values[^1], 3),
            Math.Round(OldTrendPerHour(points), 3));
    }

    /// <summary>HistoryMath.TrendPerHour as it was, over (time, value) pairs.</summary>
    private static double OldTrendPerHour(List<(DateTimeOffset Time, double Value)> points)
    {
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
}
