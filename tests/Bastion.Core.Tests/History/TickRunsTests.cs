using Bastion.Core.History;

namespace Bastion.Core.Tests.History;

/// <summary>A host's ticks summarised: the runs split where ticks lie more than the gap apart, the median spacing
/// (steady or not), and the same summary from tick times as <see cref="DateTimeOffset"/>s or the store's Unix ms.</summary>
public sealed class TickRunsTests
{
    private static readonly DateTimeOffset Start = new(2026, 12, 7, 3, 0, 0, TimeSpan.Zero);

    [Fact]
    public void SteadyTicks_WithAGap_FormTwoRuns_AtTheirSpacing()
    {
        var ticks = Times(0, 60, 120, 180, 600, 660);

        var runs = TickRuns.Of(ticks, TimeSpan.FromSeconds(150));

        runs.Ticks.ShouldBe(6);
        runs.MedianSpacing.ShouldBe(TimeSpan.FromSeconds(60));
        runs.Runs.Select(r => (r.From, r.To, r.Reason)).ShouldBe([(ticks[0], ticks[3], "ticks"), (ticks[4], ticks[5], "ticks")]);
    }

    [Theory]
    [InlineData(new[] { 0, 10, 30, 60 }, 20)]
    [InlineData(new[] { 0, 60, 120, 240, 300, 330 }, 60)]
    [InlineData(new[] { 0, 5, 65, 125, 500, 501 }, 60)]
    public void UnsteadyTicks_HaveTheUpperMedianOfTheirSpacings(int[] seconds, int median)
    {
        TickRuns.Of(Times(seconds), TimeSpan.FromSeconds(150)).MedianSpacing.ShouldBe(TimeSpan.FromSeconds(median));
    }

    [Fact]
    public void OneTick_IsOneRunWithoutSpacing_AndNoTicksAreNone()
    {
        var one = TickRuns.Of(Times(42), TimeSpan.FromSeconds(150));

        one.Ticks.ShouldBe(1);
        one.MedianSpacing.ShouldBeNull();
        one.Runs.Single().From.ShouldBe(Start.AddSeconds(42));
        one.Runs.Single().To.ShouldBe(Start.AddSeconds(42));
        TickRuns.Of([], TimeSpan.FromSeconds(150)).ShouldBeSameAs(TickRuns.None);
        TickRuns.OfUnixMilliseconds([], TimeSpan.FromSeconds(150)).ShouldBeSameAs(TickRuns.None);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public void UnixMilliseconds_GiveTheSameSummary_AsTheTimes(int seed)
    {
        var random = new Random(seed);
        for (var round = 0; round < 100; round++)
        {
            var ms = new List<long> { Start.ToUnixTimeMilliseconds() };
            for (var i = random.Next(0, 200); i > 0; i--)
            {
                ms.Add(ms[^1] + (random.Next(5) == 0 ? random.Next(1, 400_000) : 60_000));
            }

            var fromTimes = TickRuns.Of([.. ms.Select(DateTimeOffset.FromUnixTimeMilliseconds)], TimeSpan.FromSeconds(150));
            var fromMs = TickRuns.OfUnixMilliseconds(ms.ToArray(), TimeSpan.FromSeconds(150));

            fromMs.Ticks.ShouldBe(fromTimes.Ticks);
            fromMs.MedianSpacing.ShouldBe(fromTimes.MedianSpacing);
            fromMs.Runs.ShouldBe(fromTimes.Runs);
            var spacings = ms.Zip(ms.Skip(1), (a, b) => b - a).Order().ToList();
            fromMs.MedianSpacing.ShouldBe(spacings.Count == 0 ? null : TimeSpan.FromMilliseconds(spacings[spacings.Count / 2]));
            fromMs.Runs.Count.ShouldBe(1 + spacings.Count(s => s > 150_000));
        }
    }

    private static DateTimeOffset[] Times(params int[] seconds) => [.. seconds.Select(s => Start.AddSeconds(s))];
}
