using Bastion.Core.Credentials;
using Bastion.Core.Policy;
using Bastion.Mcp;
using Bastion.Mcp.Catalog;
using Bastion.Tools;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;

namespace Bastion.Http.Tests.Tenancy;

/// <summary>credentials_status shows a tenant only the platforms configured in its own vault namespace.</summary>
public sealed class CredentialsStatusTenancyTests : IAsyncLifetime
{
    private const string Alice = "alice-token";
    private const string Bob = "bob-token";
    private HttpTestServer _server = null!;

    private sealed class Exchange : ITokenExchange
    {
        public Task<IssuedToken> ExchangeAsync(CancellationToken ct) => Task.FromResult(new IssuedToken("tok-demo", DateTimeOffset.UtcNow.AddHours(1)));
    }

    // Every tenant's container registers the platform's token provider (as Cloudways does); only acme has its credentials.
    public async Task InitializeAsync() => _server = await HttpTestServer.StartAsync(
        authenticators: [new TokenTable(new Dictionary<string, Principal>
        {
            [Alice] = TokenTable.Member("alice", "acme", Mode.Operator),
            [Bob] = TokenTable.Member("bob", "globex", Mode.Operator),
        })],
        backends: services => services
            .AddSingleton(sp => new ToolsetAvailability("demo", () => sp.GetRequiredService<BastionOptions>().Tenant == "acme", "Store demo/key."))
            .AddSingleton(sp =>
            {
                var registry = new TokenProviderRegistry();
                registry.Register(new TokenProvider("demo/token", new Exchange(), new TokenProviderOptions(), TimeProvider.System, NullLogger<TokenProvider>.Instance));
                registry.Register(new TokenProvider("unowned", new Exchange(), new TokenProviderOptions(), TimeProvider.System, NullLogger<TokenProvider>.Instance));
                return registry;
            }));

    public async Task DisposeAsync() => await _server.DisposeAsync();

    private async Task<IReadOnlyList<string>> NamesAsync(string token)
    {
        var session = await _server.OpenSessionAsync(token);
        var status = await _server.CallAsync(session, "credentials_status", token: token);
        return [.. status.GetProperty("credentials").EnumerateArray().Select(c => c.GetProperty("name").GetString()!)];
    }

    [Fact]
    public async Task CredentialsStatus_ShowsATenant_OnlyThePlatformsConfiguredForIt()
    {
        (await NamesAsync(Alice)).ShouldBe(["demo/token", "unowned"]);
        (await NamesAsync(Bob)).ShouldBe(["unowned"]);
    }
}
