using System.Net;
using System.Text.Json;
using Bastion.Core;
using Bastion.Core.Policy;
using Bastion.Http.Transport;

namespace Bastion.Http.Tests.Tenancy;

/// <summary>Session and in-flight caps hold per principal and per tenant as well as for the server: one tenant at its cap leaves the others room.</summary>
public sealed class TenantCapsTests : IAsyncLifetime
{
    private const string Alice = "alice-token";
    private const string Carol = "carol-token";
    private const string Bob = "bob-token";
    private HttpTestServer _server = null!;

    public async Task InitializeAsync() => _server = await HttpTestServer.StartAsync(
        configure: o => o with { Limits = new ConcurrencyLimits { Sessions = 6, SessionsPerTenant = 3, SessionsPerPrincipal = 2 } },
        authenticators: [new TokenTable(new Dictionary<string, Principal>
        {
            [Alice] = TokenTable.Member("alice", "acme"),
            [Carol] = TokenTable.Member("carol", "acme"),
            [Bob] = TokenTable.Member("bob", "globex"),
        })]);

    public async Task DisposeAsync() => await _server.DisposeAsync();

    private async Task<(HttpStatusCode Status, JsonElement Error)> RefusedInitializeAsync(string token)
    {
        using var response = await _server.PostAsync(HttpTestServer.Initialize(7), token: token);
        var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.Clone();
        return (response.StatusCode, body.GetProperty("error"));
    }

    [Fact]
    public async Task Initialize_Is429_ForATenantAtItsCap_WhileAnotherTenantStillInitializes()
    {
        var alice1 = await _server.OpenSessionAsync(Alice);
        await _server.OpenSessionAsync(Alice);

        var (status, error) = await RefusedInitializeAsync(Alice);
        status.ShouldBe(HttpStatusCode.TooManyRequests);
        error.GetProperty("code").GetInt32().ShouldBe(JsonRpcErrors.RateLimited);
        error.GetProperty("data").GetProperty("cap").GetString().ShouldBe("sessions_per_principal");
        error.GetProperty("message").GetString()!.ShouldContain("principal 'alice' holds its maximum of 2 sessions (--max-sessions-per-principal)");
        error.GetProperty("message").GetString()!.ShouldContain("DELETE /mcp");

        await _server.OpenSessionAsync(Carol);
        (status, error) = await RefusedInitializeAsync(Carol);
        status.ShouldBe(HttpStatusCode.TooManyRequests);
        error.GetProperty("data").GetProperty("cap").GetString().ShouldBe("sessions_per_tenant");
        error.GetProperty("message").GetString()!.ShouldContain("tenant 'acme' holds its maximum of 3 sessions");

        // The other tenant is untouched by acme's sessions.
        var bob = await _server.OpenSessionAsync(Bob);
        (await _server.CallAsync(bob, "access_status", token: Bob)).GetProperty("tenant").GetString().ShouldBe("globex");

        // Ending a session frees its slot.
        using var delete = await _server.SendAsync(new HttpRequestMessage(HttpMethod.Delete, _server.Endpoint), alice1, Alice);
        delete.StatusCode.ShouldBe(HttpStatusCode.OK);
        await _server.OpenSessionAsync(Carol);
    }

    [Fact]
    public void InFlight_IsCappedPerPrincipalAndPerTenant_AndFreedWhenARequestEnds()
    {
        var limiter = new InFlightLimiter(new HttpServerOptions { Limits = new ConcurrencyLimits { InFlight = 4, InFlightPerTenant = 3, InFlightPerPrincipal = 2 } });
        var alice = TokenTable.Member("alice", "acme");
        var carol = TokenTable.Member("carol", "acme");
        var bob = TokenTable.Member("bob", "globex");

        var a1 = limiter.TryEnter(alice).Lease.ShouldNotBeNull();
        limiter.TryEnter(alice).Lease.ShouldNotBeNull();
        limiter.TryEnter(alice).Refusal.ShouldNotBeNull().Cap.ShouldBe("in_flight_per_principal");
        limiter.TryEnter(carol).Lease.ShouldNotBeNull();
        limiter.TryEnter(carol).Refusal.ShouldNotBeNull().Flag.ShouldBe("--max-in-flight-per-tenant");
        limiter.TryEnter(bob).Lease.ShouldNotBeNull();
        limiter.TryEnter(bob).Refusal.ShouldNotBeNull().Flag.ShouldBe("--max-in-flight");

        a1.Dispose();
        a1.Dispose();
        limiter.TryEnter(carol).Lease.ShouldNotBeNull();
        limiter.TryEnter(alice).Refusal.ShouldNotBeNull();
    }

    [Theory]
    [InlineData(0, 1, 1, "--max-sessions must be at least 1")]
    [InlineData(10, 20, 5, "Session caps must narrow")]
    [InlineData(10, 5, 6, "Session caps must narrow")]
    public void Limits_AreRefused_WhenTheyDoNotNarrow(int sessions, int perTenant, int perPrincipal, string message) =>
        Should.Throw<BastionException>(() => new ConcurrencyLimits { Sessions = sessions, SessionsPerTenant = perTenant, SessionsPerPrincipal = perPrincipal }.Validate())
            .Message.ShouldContain(message);
}
