using System.Net;
using System.Text.Json;
using Bastion.Core.Configuration;
using Bastion.Core.Inventory;
using Bastion.Core.Policy;
using Bastion.Http.Auth;
using Microsoft.Extensions.Logging.Abstractions;
using ModelContextProtocol.Client;
using ModelContextProtocol.Protocol;

namespace Bastion.Http.Tests.Tenancy;

/// <summary>
/// Two tenants on one server, each with a real Bastion API key, and the SDK's client pinned to 2026-07-28 (no
/// <c>initialize</c>, no session: every request stands alone): each tenant still sees only its own hosts and audit
/// entries, and a request without a valid key is refused before it reaches a tool.
/// </summary>
public sealed class TenantIsolation2026Tests : IAsyncLifetime
{
    private const string Revision = "2026-07-28";
    private HttpTestServer _server = null!;
    private ApiKeyStore _keys = null!;
    private string _acme = null!;
    private string _globex = null!;

    public async Task InitializeAsync()
    {
        ApiKeyStore? keys = null;
        _server = await HttpTestServer.StartAsync(
            prepare: paths =>
            {
                InventoryFile.SaveAsync(paths.ForTenant("acme").InventoryFile, [Host.Ssh("acme-web", "127.0.0.2")], CancellationToken.None).GetAwaiter().GetResult();
                InventoryFile.SaveAsync(paths.ForTenant("globex").InventoryFile, [Host.Ssh("globex-db", "127.0.0.3")], CancellationToken.None).GetAwaiter().GetResult();
                keys = new ApiKeyStore(paths);
            },
            authenticatorsFrom: () => [new ApiKeyAuthenticator(keys!, Mode.ReadOnly, TimeProvider.System, NullLogger<ApiKeyAuthenticator>.Instance)]);
        _keys = keys!;
        _acme = (await _keys.CreateAsync("acme", [.. Scopes.ForMode(Mode.ReadOnly)], "alice", null, CancellationToken.None)).Token;
        _globex = (await _keys.CreateAsync("globex", [.. Scopes.ForMode(Mode.ReadOnly)], "bob", null, CancellationToken.None)).Token;
    }

    public async Task DisposeAsync()
    {
        await _server.DisposeAsync();
        _keys.Dispose();
    }

    private Task<McpClient> ConnectAsync(string token) => McpClient.CreateAsync(
        new HttpClientTransport(new HttpClientTransportOptions
        {
            Endpoint = _server.Endpoint,
            TransportMode = HttpTransportMode.StreamableHttp,
            AdditionalHeaders = new Dictionary<string, string> { ["Authorization"] = "Bearer " + token },
        }),
        new McpClientOptions { ProtocolVersion = Revision });

    [Fact]
    public async Task HostsList_ShowsEachTenant_OnlyItsOwnHosts_On2026()
    {
        await using var acme = await ConnectAsync(_acme);
        await using var globex = await ConnectAsync(_globex);

        var acmeHosts = await acme.CallToolAsync("hosts_list");
        var globexHosts = await globex.CallToolAsync("hosts_list");

        acme.NegotiatedProtocolVersion.ShouldBe(Revision);
        acme.SessionId.ShouldBeNull();
        Names(acmeHosts).ShouldBe(["acme-web"]);
        Names(globexHosts).ShouldBe(["globex-db"]);
    }

    [Fact]
    public async Task OtherTenantsHost_IsUnknown_On2026()
    {
        await using var acme = await ConnectAsync(_acme);

        var result = await acme.CallToolAsync("hosts_describe", new Dictionary<string, object?> { ["target"] = "globex-db" });

        result.IsError.ShouldBe(true);
        var text = result.Content.OfType<TextContentBlock>().Single().Text;
        text.ShouldContain("Unknown host 'globex-db'");
        text.ShouldNotContain("127.0.0.3");
    }

    [Fact]
    public async Task AccessStatus_NamesTheKeysTenant_On2026()
    {
        await using var globex = await ConnectAsync(_globex);

        var status = (await globex.CallToolAsync("access_status")).StructuredContent!.Value;

        status.GetProperty("tenant").GetString().ShouldBe("globex");
        status.GetProperty("principal").GetString()!.ShouldStartWith("key:");
    }

    [Fact]
    public async Task AuditEntries_AreKept_PerTenant_On2026()
    {
        await using var acme = await ConnectAsync(_acme);
        await using var globex = await ConnectAsync(_globex);
        await acme.CallToolAsync("hosts_list");
        await globex.CallToolAsync("access_status");

        var acmeAudit = await AuditText("acme");
        var globexAudit = await AuditText("globex");

        acmeAudit.ShouldContain("hosts_list");
        acmeAudit.ShouldNotContain("globex");
        globexAudit.ShouldContain("access_status");
        globexAudit.ShouldNotContain("acme");
    }

    [Fact]
    public async Task Request2026_IsRefused401_WithAJsonRpcBody_WithoutAValidKey()
    {
        using var response = await _server.PostAsync(
            """{"jsonrpc":"2.0","id":5,"method":"server/discover","params":{"_meta":{"io.modelcontextprotocol/protocolVersion":"2026-07-28","io.modelcontextprotocol/clientCapabilities":{}}}}""",
            token: "bst_abcdefgh_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA",
            tweak: r => r.Headers.Add("MCP-Protocol-Version", Revision));

        response.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        response.Headers.WwwAuthenticate.ToString().ShouldContain("invalid_token");
        (await HttpTestServer.ReadMessageAsync(response)).GetProperty("error").GetProperty("message").GetString()!.ShouldContain("not valid");
        response.Headers.Contains("Mcp-Session-Id").ShouldBeFalse();
    }

    private static IEnumerable<string?> Names(CallToolResult result) =>
        result.StructuredContent!.Value.GetProperty("hosts").EnumerateArray().Select(h => h.GetProperty("name").GetString());

    private async Task<string> AuditText(string tenant)
    {
        var directory = new BastionPaths(_server.DataDirectory).ForTenant(tenant).AuditDirectory;
        var text = string.Empty;
        foreach (var file in Directory.GetFiles(directory, "*.jsonl"))
        {
            text += await File.ReadAllTextAsync(file);
        }

        return text;
    }
}
