using Bastion.Core.History;

namespace Bastion.Core.Tests.History;

public class HistoryTimeTests
{
    private static readonly DateTimeOffset Now = new(2026, 12, 6, 12, 0, 0, TimeSpan.Zero);

    [Theory]
    [InlineData("now", 0)]
    [InlineData("-30m", -30 * 60)]
    [InlineData("-24h", -24 * 3600)]
    [InlineData("-7d", -7 * 86400)]
    [InlineData("-90", -90)]
    public void Parse_ReadsRelativeTimes(string text, int seconds) =>
        HistoryTime.Parse(text, Now, "since").ShouldBe(Now.AddSeconds(seconds));

    [Fact]
    public void Parse_ReadsIso8601_AsUtcUnlessAnOffsetIsGiven()
    {
        HistoryTime.Parse("2026-12-06T03:00:00", Now, "since").ShouldBe(new DateTimeOffset(2026, 12, 6, 3, 0, 0, TimeSpan.Zero));
        HistoryTime.Parse("2026-12-06T03:00:00+01:00", Now, "since").ShouldBe(new DateTimeOffset(2026, 12, 6, 2, 0, 0, TimeSpan.Zero));
    }

    [Theory]
    [InlineData("yesterday")]
    [InlineData("-3w")]
    [InlineData("--1h")]
    public void Parse_Throws_WithTheAcceptedForms(string text) =>
        Should.Throw<BastionException>(() => HistoryTime.Parse(text, Now, "since")).Message.ShouldContain("Accepted: 'now', a relative time");

    [Fact]
    public void Summarize_GivesMinAvgMaxP95LastAndTrendPerHour()
    {
        var points = Enumerable.Range(0, 21).Select(i => new StoredPoint(Now.AddMinutes(i * 3), i, i, i, false)).ToList();
        var summary = HistoryMath.Summarize(points)!;
        summary.ShouldBe(new SeriesSummary(0, 10, 20, 19, 20, 20));
    }
}
