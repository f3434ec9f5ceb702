using System.Net;
using Bastion.Core;
using Bastion.Core.Policy;

namespace Bastion.Http.Tests.Auth;

/// <summary>Requests to /mcp need a bearer token once authentication is configured; health checks do not.</summary>
public sealed class BearerAuthenticationTests : IAsyncLifetime
{
    private HttpTestServer _server = null!;

    public async Task InitializeAsync() => _server = await HttpTestServer.StartAsync(
        authenticators: [new TokenTable(new Dictionary<string, Principal> { ["good"] = TokenTable.Member("carol", "acme") })]);

    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Fact]
    public async Task PostRequest_IsUnauthorized_WithoutToken_AndPointsAtResourceMetadata()
    {
        using var response = await _server.PostAsync(HttpTestServer.Initialize());

        response.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        var challenge = response.Headers.WwwAuthenticate.ToString();
        challenge.ShouldStartWith("Bearer ");
        challenge.ShouldContain("resource_metadata=\"http://127.0.0.1:");
        challenge.ShouldContain("/.well-known/oauth-protected-resource/mcp\"");
        challenge.ShouldNotContain("error=");
    }

    [Fact]
    public async Task PostRequest_IsUnauthorized_WithInvalidToken_AndSaysWhy()
    {
        using var response = await _server.PostAsync(HttpTestServer.Initialize(), token: "forged");

        response.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        response.Headers.WwwAuthenticate.ToString().ShouldContain("error=\"invalid_token\"");
        (await response.Content.ReadAsStringAsync()).ShouldNotContain("forged");
    }

    [Fact]
    public async Task PostRequest_IsServed_WithValidToken()
    {
        var session = await _server.OpenSessionAsync("good");

        var status = await _server.CallAsync(session, "access_status", token: "good");

        status.GetProperty("principal").GetString().ShouldBe("carol");
    }

    [Fact]
    public async Task HealthChecks_NeedNoToken()
    {
        using var health = await _server.Http.GetAsync(new Uri("/healthz", UriKind.Relative));
        using var ready = await _server.Http.GetAsync(new Uri("/readyz", UriKind.Relative));

        health.StatusCode.ShouldBe(HttpStatusCode.OK);
        ready.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await ready.Content.ReadAsStringAsync()).ShouldContain("\"status\":\"ready\"");
    }

    [Fact]
    public async Task Readiness_IsNotReady_WhenAuditDirectoryCannotBeWritten()
    {
        var audit = Path.Combine(_server.DataDirectory, "audit");
        Directory.CreateDirectory(audit);
        Directory.Delete(audit);
        await File.WriteAllTextAsync(audit, "a file where the audit directory should be");

        using var ready = await _server.Http.GetAsync(new Uri("/readyz", UriKind.Relative));

        ready.StatusCode.ShouldBe(HttpStatusCode.ServiceUnavailable);
        (await ready.Content.ReadAsStringAsync()).ShouldContain("\"audit\":\"not writable");
        File.Delete(audit);
    }

    [Fact]
    public void NonLoopbackBind_WithoutAuthentication_RefusesToStart()
    {
        var refused = Should.Throw<BastionException>(() => McpHttpServer.Build(
            new HttpServerOptions { Listen = new Uri("http://0.0.0.0:7000") }, _ => { }, _ => { }));

        refused.Message.ShouldContain("without authentication");
    }
}
