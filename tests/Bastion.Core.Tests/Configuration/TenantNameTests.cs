using Bastion.Core;
using Bastion.Core.Configuration;

namespace Bastion.Core.Tests.Configuration;

public sealed class TenantNameTests
{
    [Theory]
    [InlineData("a")]
    [InlineData("acme")]
    [InlineData("acme-prod_2")]
    [InlineData("0day")]
    [InlineData("default")]
    [InlineData("abcdefghijklmnopqrstuvwxyzabcdefghijklmnopqrstuvwxyzabcdefghijk")] // 63
    public void IsValid_AcceptsLowercaseLettersDigitsUnderscoreAndDash(string name)
    {
        TenantName.IsValid(name).ShouldBeTrue();
        TenantName.Validate(name).ShouldBe(name);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("Acme")]
    [InlineData("-acme")]
    [InlineData("_acme")]
    [InlineData("acme corp")]
    [InlineData("acme.prod")]
    [InlineData("acme/../other")]
    [InlineData("acmé")]
    [InlineData("abcdefghijklmnopqrstuvwxyzabcdefghijklmnopqrstuvwxyzabcdefghijkl")] // 64
    public void IsValid_RefusesEverythingElse(string? name) => TenantName.IsValid(name).ShouldBeFalse();

    [Fact]
    public void Validate_Throws_WithTheRuleAndWithoutControlCharacters()
    {
        var e = Should.Throw<BastionException>(() => TenantName.Validate("Bad\nName"));
        e.Message.ShouldContain("Invalid tenant name 'Bad?Name'");
        e.Message.ShouldContain(TenantName.Rule);
    }
}
