using Bastion.Core.History;

namespace Bastion.Store.Sqlite.Tests;

/// <summary>
/// The accumulator places each row in the step its time falls in, whatever order rows come in and whichever way it
/// finds the step (the last step looked at, the one after the newest, or the division and a search): its points equal
/// those of grouping the rows by <c>seconds / step * step</c>.
/// </summary>
public sealed class AccumulatorTests
{
    [Theory]
    [InlineData(60, 1)]
    [InlineData(60, 2)]
    [InlineData(300, 3)]
    [InlineData(900, 4)]
    [InlineData(7, 5)]
    public void Points_EqualTheRowsGroupedByStep_InAnyOrderOfArrival(long step, int seed)
    {
        var random = new Random(seed);
        var accumulator = new Accumulator(step, 64);
        for (var round = 0; round < 100; round++)
        {
            var rows = Rows(random, step);
            foreach (var r in rows)
            {
                accumulator.Add(r.Seconds, r.Sum, r.Count, r.Min, r.Max, r.Rollup);
            }

            accumulator.Points().ToArray().ShouldBe(Grouped(rows, step));
            accumulator.Clear();
        }
    }

    /// <summary>Raw samples in time order, added in bulk between other rows (so the newest step may or may not be the
    /// one looked at last, and the presized array grows), make the points the same rows make grouped by step.</summary>
    [Theory]
    [InlineData(60, 11)]
    [InlineData(300, 12)]
    [InlineData(7, 13)]
    public void Samples_AddedInBulk_MakeThePointsOfTheirRowsGroupedByStep(long step, int seed)
    {
        var random = new Random(seed);
        var accumulator = new Accumulator(step, 2);
        for (var round = 0; round < 100; round++)
        {
            var rows = Rows(random, step);
            var samples = Samples(random, step);
            var split = random.Next(rows.Count + 1);
            foreach (var r in rows[..split])
            {
                accumulator.Add(r.Seconds, r.Sum, r.Count, r.Min, r.Max, r.Rollup);
            }

            accumulator.AddSamples([.. samples.Select(s => s.Seconds)], [.. samples.Select(s => s.Value)]);
            foreach (var r in rows[split..])
            {
                accumulator.Add(r.Seconds, r.Sum, r.Count, r.Min, r.Max, r.Rollup);
            }

            accumulator.Points().ToArray().ShouldBe(Grouped([.. rows, .. samples.Select(s => (s.Seconds, s.Value, 1L, s.Value, s.Value, false))], step));
            accumulator.Clear();
        }
    }

    [Fact]
    public void Rows_OneStepApart_MakeOnePointEach_AndARowBackInAnEarlierStepJoinsIt()
    {
        var accumulator = new Accumulator(60, 4);
        accumulator.Add(1_800_000_000, 1000, 1, 1000, 1000, rollup: false);
        accumulator.Add(1_800_000_059, 3000, 1, 3000, 3000, rollup: false);
        accumulator.Add(1_800_000_060, 5000, 1, 5000, 5000, rollup: false);
        accumulator.Add(1_800_000_125, 7000, 1, 7000, 7000, rollup: false);
        accumulator.Add(1_800_000_001, 2000, 1, 2000, 2000, rollup: true);

        accumulator.Points().ToArray().Select(p => (p.Time.ToUnixTimeSeconds(), p.Avg, p.Min, p.Max, p.Rollup)).ShouldBe(
        [
            (1_800_000_000, 2.0, 1.0, 3.0, true),
            (1_800_000_060, 5.0, 5.0, 5.0, false),
            (1_800_000_120, 7.0, 7.0, 7.0, false),
        ]);
    }

    /// <summary>Mostly in time order with steady spacing (as chunks are read), some rows repeated in the same step,
    /// some skipping steps, and a few out of order (a raw sample read after the rollup of its day); steps of one raw
    /// sample among them (the points' one-division path).</summary>
    private static List<(long Seconds, long Sum, long Count, long Min, long Max, bool Rollup)> Rows(Random random, long step)
    {
        var rows = new List<(long, long, long, long, long, bool)>();
        var at = 1_796_000_000L + random.Next(0, 3600);
        for (var i = random.Next(1, 300); i > 0; i--)
        {
            at += random.Next(8) switch
            {
                0 => 0,
                1 => random.Next(1, (int)step),
                2 => step * random.Next(2, 5),
                _ => step,
            };
            var seconds = random.Next(12) == 0 ? at - random.Next(0, (int)(step * 6)) : at;
            var (count, value) = (random.Next(1, 6), random.Next(-5000, 100_000));
            // A third are raw samples (one value, its own min and max); the others rollups of a few.
            rows.Add(random.Next(3) == 0
                ? (seconds, value, 1, value, value, false)
                : (seconds, value * count, count, value - random.Next(0, 500), value + random.Next(0, 500), random.Next(4) == 0));
        }

        return rows;
    }

    /// <summary>Raw samples as a chunk holds them: strictly in time order, mostly a step apart, some in the same step
    /// as the one before, some skipping steps.</summary>
    private static List<(long Seconds, long Value)> Samples(Random random, long step)
    {
        var samples = new List<(long, long)>();
        var at = 1_796_000_000L + random.Next(0, 3600);
        for (var i = random.Next(0, 200); i > 0; i--)
        {
            at += random.Next(6) switch
            {
                0 => random.Next(1, (int)step),
                1 => step * random.Next(2, 5),
                _ => step,
            };
            samples.Add((at, random.Next(-5000, 100_000)));
        }

        return samples;
    }

    private static StoredPoint[] Grouped(List<(long Seconds, long Sum, long Count, long Min, long Max, bool Rollup)> rows, long step) =>
        [.. rows.GroupBy(r => r.Seconds / step * step).OrderBy(g => g.Key).Select(g => new StoredPoint(
            DateTimeOffset.FromUnixTimeSeconds(g.Key), g.Sum(r => r.Sum) / (double)g.Sum(r => r.Count) / 1000, g.Min(r => r.Min) / 1000.0,
            g.Max(r => r.Max) / 1000.0, g.Any(r => r.Rollup)))];
}
