using Bastion.Core.Secrets;

namespace Bastion.Core.Tests.Secrets;

/// <summary>
/// A short text the patterns found nothing in is not scanned by them again, but the known values are still looked for
/// in it each time: a value added later, or known to another redactor, is still replaced.
/// </summary>
public class RedactorShapelessTests
{
    [Fact]
    public void AShortTextFoundClean_StillLosesAKnownValue_AddedLater_OrKnownToAnotherRedactor()
    {
        var text = $"web-{Guid.NewGuid():N}"[..20];
        var first = new Redactor();
        first.Redact(text).ShouldBe(text);
        first.Redact(text).ShouldBe(text);

        var value = text[4..];
        new Redactor([value]).Redact(text).ShouldBe("web-[REDACTED:known_secret]");
        first.AddKnownSecret(value);
        first.Redact(text).ShouldBe("web-[REDACTED:known_secret]");
    }

    [Theory]
    [InlineData("password=hunter22", "password=[REDACTED:password]")]
    [InlineData("AKIAIOSFODNN7EXAMPLE", "[REDACTED:aws_access_key_id]")]
    public void AShortTextWithASecretsShape_IsRedacted_EveryTime(string text, string redacted)
    {
        var redactor = new Redactor();
        for (var i = 0; i < 3; i++)
        {
            redactor.Redact(text).ShouldBe(redacted);
        }
    }
}
