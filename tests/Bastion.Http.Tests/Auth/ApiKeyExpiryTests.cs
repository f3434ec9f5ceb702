using Bastion.Core;
using Bastion.Http.Auth;

namespace Bastion.Http.Tests.Auth;

public sealed class ApiKeyExpiryTests
{
    private static readonly DateTimeOffset _now = new(2026, 11, 21, 10, 30, 0, TimeSpan.Zero);

    [Theory]
    [InlineData("12h", 12 * 60)]
    [InlineData("30d", 30 * 24 * 60)]
    [InlineData("4w", 28 * 24 * 60)]
    [InlineData(" 1h ", 60)]
    public void Parse_ADuration_CountsFromNow(string text, int minutes) =>
        ApiKeyExpiry.Parse(text, _now).ShouldBe(_now.AddMinutes(minutes));

    [Theory]
    [InlineData("2026-12-31", "2026-12-31T00:00:00Z")]
    [InlineData("2026-12-31T00:00:00Z", "2026-12-31T00:00:00Z")]
    [InlineData("2026-12-31T08:15Z", "2026-12-31T08:15:00Z")]
    [InlineData("2026-12-31T02:00:00+02:00", "2026-12-31T00:00:00Z")]
    [InlineData("2026-12-31T00:00:00.5Z", "2026-12-31T00:00:00.5Z")]
    public void Parse_ATime_IsReadAsUtc(string text, string expected)
    {
        var time = ApiKeyExpiry.Parse(text, _now);
        time.ShouldBe(DateTimeOffset.Parse(expected, System.Globalization.CultureInfo.InvariantCulture));
        time.Offset.ShouldBe(TimeSpan.Zero);
    }

    [Theory]
    [InlineData("")]
    [InlineData("5x")]
    [InlineData("0d")]
    [InlineData("-3d")]
    [InlineData("30")]
    [InlineData("99999w")]
    [InlineData("tomorrow")]
    [InlineData("31/12/2026")]
    [InlineData("2026-13-01")]
    public void Parse_AnythingElse_SaysWhatIsAccepted(string text)
    {
        var e = Should.Throw<BastionException>(() => ApiKeyExpiry.Parse(text, _now));
        e.Message.ShouldContain("is not accepted");
        e.Message.ShouldContain("12h, 30d, 4w");
    }
}
