using System.Text.Json;
using Bastion.Core;
using Bastion.Core.Policy;
using Bastion.Http.Auth;

namespace Bastion.Http.Tests.Auth;

public sealed class ProtectedResourceMetadataTests
{
    [Fact]
    public void ToJson_GivesTheRfc9728Fields()
    {
        var json = ProtectedResourceMetadata.For(new OAuthOptions { Issuer = "https://auth.example.com", Audience = "https://bastion.example.com/mcp" }).ToJson();

        using var document = JsonDocument.Parse(json);
        var root = document.RootElement;
        root.GetProperty("resource").GetString().ShouldBe("https://bastion.example.com/mcp");
        root.GetProperty("authorization_servers").EnumerateArray().Select(e => e.GetString()).ShouldBe(["https://auth.example.com"]);
        root.GetProperty("scopes_supported").EnumerateArray().Select(e => e.GetString()).ShouldBe(Scopes.All);
        root.GetProperty("bearer_methods_supported").EnumerateArray().Select(e => e.GetString()).ShouldBe(["header"]);
        root.GetProperty("resource_name").GetString().ShouldBe("Bastion");
    }

    [Fact]
    public void ToJson_LeavesOutAuthorizationServers_WhenOnlyApiKeysAreAccepted() =>
        ProtectedResourceMetadata.For("http://127.0.0.1:7000/mcp", issuer: null).ToJson().ShouldNotContain("authorization_servers");

    [Theory]
    [InlineData("http://127.0.0.1:7000/mcp", "http://127.0.0.1:7000/.well-known/oauth-protected-resource/mcp")]
    [InlineData("https://bastion.example.com", "https://bastion.example.com/.well-known/oauth-protected-resource")]
    [InlineData("https://bastion.example.com/", "https://bastion.example.com/.well-known/oauth-protected-resource")]
    [InlineData("https://example.com/tenants/acme/mcp?x=1", "https://example.com/.well-known/oauth-protected-resource/tenants/acme/mcp?x=1")]
    public void MetadataUrl_InsertsTheWellKnownPathBetweenHostAndPath(string resource, string expected) =>
        ProtectedResourceMetadata.MetadataUrl(resource).ShouldBe(expected);

    [Theory]
    [InlineData("/mcp")]
    [InlineData("https://bastion.example.com/mcp#frag")]
    [InlineData("ws://bastion.example.com/mcp")]
    public void ARelativeOrOddResource_IsRefused(string resource) =>
        Should.Throw<BastionException>(() => ProtectedResourceMetadata.MetadataUrl(resource)).Message.ShouldContain("is not an absolute http(s) URL");
}
