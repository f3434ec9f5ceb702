using System.Text.Json;
using ModelContextProtocol.Client;
using ModelContextProtocol.Protocol;

namespace Bastion.Store.Postgres.Tests;

/// <summary>
/// The tenant isolation of <c>Bastion.Http.Tests/Tenancy/TenantIsolationTests</c>, with the keys, inventories and audit
/// chains in the shared store: a real <c>bastion serve --http --store</c>, keys and hosts made with the CLI's --store verbs.
/// </summary>
public sealed class StoreTenantIsolationTests(TestDatabase database) : IClassFixture<TestDatabase>
{
    [PostgresFact]
    public async Task Tenants_SeeOnlyTheirOwnHostsAndAuditEntries_WhenKeysAndInventoriesAreInTheStore()
    {
        var dir = Directory.CreateTempSubdirectory("bastion-pg-iso-").FullName;
        var acme = (await BastionInstance.RunAsync(database, dir, "keys", "create", "--tenant", "acme", "--scopes", "hosts:read", "--store", database.Url)).Stdout.Trim();
        var globex = (await BastionInstance.RunAsync(database, dir, "keys", "create", "--tenant", "globex", "--scopes", "hosts:read", "--store", database.Url)).Stdout.Trim();
        (await BastionInstance.RunAsync(database, dir, "hosts", "add", "acme-web", "--address", "127.0.0.2", "--no-test", "--tenant", "acme", "--store", database.Url)).ExitCode.ShouldBe(0);
        (await BastionInstance.RunAsync(database, dir, "hosts", "add", "globex-db", "--address", "127.0.0.3", "--no-test", "--tenant", "globex", "--store", database.Url)).ExitCode.ShouldBe(0);
        await using var server = await BastionInstance.StartAsync(database, dir);
        server.Stderr.ShouldContain("API keys of the shared store");

        await using var alice = await Client(server, acme);
        await using var bob = await Client(server, globex);
        var acmeHosts = Text(await alice.CallToolAsync("hosts_list"));
        var globexHosts = Text(await bob.CallToolAsync("hosts_list"));
        var across = await alice.CallToolAsync("hosts_describe", new Dictionary<string, object?> { ["target"] = "globex-db" });

        acmeHosts.ShouldContain("acme-web");
        acmeHosts.ShouldNotContain("globex-db");
        globexHosts.ShouldContain("globex-db");
        globexHosts.ShouldNotContain("acme-web");
        across.IsError.ShouldBe(true);
        Text(across).ShouldContain("Unknown host 'globex-db'");
        Text(across).ShouldNotContain("127.0.0.3");
        (await database.ScalarAsync("SELECT count(*) FROM audit_entries WHERE tenant = 'acme'")).ShouldBe(2L);
        (await database.ScalarAsync("SELECT count(*) FROM audit_entries WHERE tenant = 'globex'")).ShouldBe(1L);
        (await database.ScalarAsync($"SELECT count(*) FROM audit_entries WHERE tenant = 'globex' AND principal <> 'key:{globex[4..12]}'")).ShouldBe(0L);
        var refused = await Should.ThrowAsync<Exception>(() => Client(server, acme[..^4] + "AAAA"));
        refused.ToString().ShouldContain("401");
    }

    private static Task<McpClient> Client(BastionInstance server, string key) =>
        McpClient.CreateAsync(new HttpClientTransport(new HttpClientTransportOptions
        {
            Endpoint = server.Endpoint,
            TransportMode = HttpTransportMode.StreamableHttp,
            AdditionalHeaders = new Dictionary<string, string> { ["Authorization"] = "Bearer " + key },
        }));

    private static string Text(CallToolResult result) =>
        string.Join("\n", result.Content.OfType<TextContentBlock>().Select(b => b.Text)) + (result.StructuredContent is { } s ? JsonSerializer.Serialize(s) : string.Empty);
}
