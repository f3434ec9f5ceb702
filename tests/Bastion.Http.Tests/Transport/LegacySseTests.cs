using System.Net;
using Bastion.Core.Inventory;
using Bastion.Core.Policy;
using ModelContextProtocol.Client;

namespace Bastion.Http.Tests.Transport;

/// <summary>
/// The deprecated HTTP+SSE transport (<c>GET /mcp/sse</c> + <c>POST /mcp/message</c>), served by the SDK beside
/// Streamable HTTP, behind the same authentication, tenancy and limits.
/// </summary>
public sealed class LegacySseTests : IAsyncLifetime
{
    private const string Alice = "alice-token";
    private HttpTestServer _server = null!;

    public async Task InitializeAsync() => _server = await HttpTestServer.StartAsync(
        authenticators: [new TokenTable(new Dictionary<string, Principal> { [Alice] = TokenTable.Member("alice", "acme") })],
        prepare: paths => InventoryFile.SaveAsync(paths.ForTenant("acme").InventoryFile, [Host.Ssh("acme-web", "127.0.0.2")], CancellationToken.None).GetAwaiter().GetResult());

    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Fact]
    public async Task SseClient_SeesItsTenantsHosts_OverTheLegacyTransport()
    {
        await using var client = await McpClient.CreateAsync(new HttpClientTransport(new HttpClientTransportOptions
        {
            Endpoint = new Uri(_server.Endpoint + "/sse"),
            TransportMode = HttpTransportMode.Sse,
            AdditionalHeaders = new Dictionary<string, string> { ["Authorization"] = "Bearer " + Alice },
        }));

        var result = await client.CallToolAsync("hosts_list");

        result.StructuredContent!.Value.GetProperty("hosts").EnumerateArray().Select(h => h.GetProperty("name").GetString()).ShouldBe(["acme-web"]);
    }

    [Fact]
    public async Task SseStream_IsRefused401_WithoutAToken()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(_server.Endpoint + "/sse"));
        request.Headers.Accept.Add(new("text/event-stream"));

        using var response = await _server.SendAsync(request);

        response.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        response.Headers.WwwAuthenticate.ToString().ShouldContain("resource_metadata=");
    }

    [Fact]
    public async Task SseStream_CountsAgainstTheSessionCaps()
    {
        await using var capped = await HttpTestServer.StartAsync(o => o with { Limits = new Bastion.Http.Transport.ConcurrencyLimits { Sessions = 1, SessionsPerTenant = 1, SessionsPerPrincipal = 1 } });
        var session = await capped.OpenSessionAsync();
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(capped.Endpoint + "/sse"));
        request.Headers.Accept.Add(new("text/event-stream"));

        using var response = await capped.SendAsync(request);

        session.ShouldNotBeEmpty();
        response.StatusCode.ShouldBe(HttpStatusCode.TooManyRequests);
    }
}
