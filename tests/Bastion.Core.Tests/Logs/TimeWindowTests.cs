using Bastion.Core.Logs;

namespace Bastion.Core.Tests.Logs;

public sealed class TimeWindowTests
{
    private static readonly DateTimeOffset Now = new(2026, 12, 6, 12, 0, 0, TimeSpan.Zero);

    [Theory]
    [InlineData("-30m", -30 * 60)]
    [InlineData("-24h", -24 * 3600)]
    [InlineData("-7d", -7 * 86400)]
    [InlineData("-2w", -14 * 86400)]
    [InlineData("-90s", -90)]
    [InlineData("now", 0)]
    [InlineData("NOW", 0)]
    public void Bound_CountsRelativeTimesFromNow(string text, int seconds) =>
        TimeWindow.Bound(text, "since", Now).ShouldBe(Now.AddSeconds(seconds));

    [Theory]
    [InlineData("2026-12-06T03:00:00Z", 3, 0)]
    [InlineData("2026-12-06T04:00:00+01:00", 3, 0)]
    [InlineData("2026-12-06T03:00:00", 3, 0)]
    [InlineData("2026-12-06 03:30", 3, 30)]
    [InlineData("2026-12-06", 0, 0)]
    public void Bound_ReadsIso8601_WithoutAZoneAsUtc(string text, int hour, int minute) =>
        TimeWindow.Bound(text, "since", Now).ShouldBe(new DateTimeOffset(2026, 12, 6, hour, minute, 0, TimeSpan.Zero));

    [Theory]
    [InlineData("yesterday")]
    [InlineData("-5y")]
    [InlineData("+1h")]
    [InlineData("-h")]
    [InlineData("-99999999999d")]
    [InlineData("06/12/2026")]
    public void Bound_RejectsOtherForms_AndSaysWhatIsAccepted(string text) =>
        Should.Throw<BastionException>(() => TimeWindow.Bound(text, "since", Now)).Message.ShouldSatisfyAllConditions(
            m => m.ShouldContain($"since '{text}' is not a time"),
            m => m.ShouldContain("-24h"));

    [Fact]
    public void Parse_RefusesAWindowThatEndsBeforeItStarts()
    {
        var e = Should.Throw<BastionException>(() => TimeWindow.Parse("-1h", "-2h", Now));
        e.Message.ShouldContain("is after until");
    }

    [Fact]
    public void Parse_LeavesEmptyBoundsOpen()
    {
        var window = TimeWindow.Parse(null, " ", Now);
        window.IsOpen.ShouldBeTrue();
        window.Contains(DateTimeOffset.MinValue).ShouldBeTrue();
    }
}
