using Bastion.Core;
using Bastion.Http.Auth;

namespace Bastion.Http.Tests.Auth;

public sealed class OAuthOptionsTests
{
    [Fact]
    public void MetadataAddresses_ForAnIssuerWithoutPath_AreRfc8414ThenOpenIdConnect() =>
        new OAuthOptions { Issuer = "https://auth.example.com", Audience = "https://bastion.example.com/mcp" }.MetadataAddresses().ShouldBe(
        [
            "https://auth.example.com/.well-known/oauth-authorization-server",
            "https://auth.example.com/.well-known/openid-configuration",
        ]);

    [Fact]
    public void MetadataAddresses_ForAnIssuerWithAPath_InsertTheRfc8414SuffixBeforeThePath() =>
        new OAuthOptions { Issuer = "https://auth.example.com/realms/ops", Audience = "https://bastion.example.com/mcp" }.MetadataAddresses().ShouldBe(
        [
            "https://auth.example.com/.well-known/oauth-authorization-server/realms/ops",
            "https://auth.example.com/realms/ops/.well-known/openid-configuration",
        ]);

    [Fact]
    public void MetadataAddresses_AreTheGivenOne_WhenThereIsOne() =>
        new OAuthOptions { Issuer = "https://auth.example.com", Audience = "https://b/mcp", MetadataAddress = "https://auth.example.com/meta" }
            .MetadataAddresses().ShouldBe(["https://auth.example.com/meta"]);

    [Theory]
    [InlineData("http://127.0.0.1:9000")]
    [InlineData("http://127.1.2.3")]
    [InlineData("http://[::1]:9000")]
    [InlineData("http://localhost:9000")]
    public void Validate_AcceptsPlainHttpOnLoopback(string issuer) =>
        new OAuthOptions { Issuer = issuer, Audience = "http://127.0.0.1:7000/mcp" }.Validate();

    [Theory]
    [InlineData("http://10.0.0.5", null, "The OAuth issuer 'http://10.0.0.5' must use https")]
    [InlineData("https://auth.example.com", "http://auth.example.com/meta", "The OAuth metadata address 'http://auth.example.com/meta' must use https")]
    [InlineData("https://user:pw@auth.example.com", null, "without user info or fragment")]
    public void Validate_RefusesPlainHttpOffLoopback_AndOddUrls(string issuer, string? metadata, string message)
    {
        var e = Should.Throw<BastionException>(() => new OAuthOptions { Issuer = issuer, Audience = "https://b/mcp", MetadataAddress = metadata }.Validate());
        e.Message.ShouldContain(message);
    }

    [Fact]
    public void Validate_RefusesAnEmptyTenantClaim() =>
        Should.Throw<BastionException>(() => new OAuthOptions { Issuer = "https://a", Audience = "https://b/mcp", TenantClaim = " " }.Validate())
            .Message.ShouldContain("tenant claim");
}
