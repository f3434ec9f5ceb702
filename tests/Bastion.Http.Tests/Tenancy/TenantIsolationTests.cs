using System.Net;
using Bastion.Core.Configuration;
using Bastion.Core.Inventory;
using Bastion.Core.Policy;
using Bastion.Core.Secrets.Vault;

namespace Bastion.Http.Tests.Tenancy;

/// <summary>Two tenants on one server: each sees only its own hosts, sessions, credentials and audit entries.</summary>
public sealed class TenantIsolationTests : IAsyncLifetime
{
    private const string Alice = "alice-token";
    private const string Bob = "bob-token";
    private HttpTestServer _server = null!;

    public async Task InitializeAsync() => _server = await HttpTestServer.StartAsync(
        authenticators: [new TokenTable(new Dictionary<string, Principal>
        {
            [Alice] = TokenTable.Member("alice", "acme"),
            [Bob] = TokenTable.Member("bob", "globex"),
        })],
        prepare: paths =>
        {
            InventoryFile.SaveAsync(paths.ForTenant("acme").InventoryFile, [Host.Ssh("acme-web", "127.0.0.2")], CancellationToken.None).GetAwaiter().GetResult();
            InventoryFile.SaveAsync(paths.ForTenant("globex").InventoryFile, [Host.Ssh("globex-db", "127.0.0.3")], CancellationToken.None).GetAwaiter().GetResult();
        },
        credentialHeaders: [Providers.Cloudways.CloudwaysVault.Headers]);

    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Fact]
    public async Task HostsList_ShowsEachTenant_OnlyItsOwnHosts()
    {
        var alice = await _server.OpenSessionAsync(Alice);
        var bob = await _server.OpenSessionAsync(Bob);

        var acme = await _server.CallAsync(alice, "hosts_list", token: Alice);
        var globex = await _server.CallAsync(bob, "hosts_list", token: Bob);

        Names(acme).ShouldBe(["acme-web"]);
        Names(globex).ShouldBe(["globex-db"]);
    }

    [Fact]
    public async Task OtherTenantsHost_IsUnknown_AsIfItDidNotExist()
    {
        var alice = await _server.OpenSessionAsync(Alice);

        using var response = await _server.PostAsync(HttpTestServer.Call("hosts_describe", """{"target":"globex-db"}"""), alice, Alice);

        var result = (await HttpTestServer.ReadMessageAsync(response)).GetProperty("result");
        result.GetProperty("isError").GetBoolean().ShouldBeTrue();
        var text = result.GetProperty("content")[0].GetProperty("text").GetString()!;
        text.ShouldContain("Unknown host 'globex-db'");
        text.ShouldContain("Known hosts: acme-web");
        text.ShouldNotContain("127.0.0.3");
    }

    [Fact]
    public async Task Session_IsForbidden_ToAnotherPrincipal()
    {
        var alice = await _server.OpenSessionAsync(Alice);

        using var post = await _server.PostAsync(HttpTestServer.Call("hosts_list"), alice, Bob);
        using var delete = await _server.SendAsync(new HttpRequestMessage(HttpMethod.Delete, _server.Endpoint), alice, Bob);
        using var stillThere = await _server.PostAsync(HttpTestServer.Call("hosts_list"), alice, Alice);

        post.StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        delete.StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        stillThere.StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task AccessStatus_NamesPrincipalAndTenant()
    {
        var bob = await _server.OpenSessionAsync(Bob);

        var status = await _server.CallAsync(bob, "access_status", token: Bob);

        status.GetProperty("principal").GetString().ShouldBe("bob");
        status.GetProperty("tenant").GetString().ShouldBe("globex");
        status.GetProperty("rate_limit").GetProperty("principal_burst").GetInt32().ShouldBe(90);
    }

    [Fact]
    public async Task AuditEntries_AreKept_PerTenant()
    {
        var alice = await _server.OpenSessionAsync(Alice);
        var bob = await _server.OpenSessionAsync(Bob);
        await _server.CallAsync(alice, "hosts_list", token: Alice);
        await _server.CallAsync(bob, "access_status", token: Bob);

        var acme = await AuditText("acme");
        var globex = await AuditText("globex");

        acme.ShouldContain("\"tenant\":\"acme\"");
        acme.ShouldContain("hosts_list");
        acme.ShouldNotContain("globex");
        globex.ShouldContain("access_status");
        globex.ShouldNotContain("acme");
    }

    [Fact]
    public async Task PlatformCredentialHeaders_GoEncrypted_IntoTheTenantVault()
    {
        const string apiKey = "cw-secret-0f3a9d2c7b";
        var alice = await _server.OpenSessionAsync(Alice, r =>
        {
            r.Headers.Add("x-cloudways-email", "ops@acme.test");
            r.Headers.Add("x-cloudways-api-key", apiKey);
        });
        await _server.CallAsync(alice, "hosts_list", token: Alice);

        var paths = new BastionPaths(_server.DataDirectory).ForTenant("acme");
        using (var vault = CredentialVault.Open(paths))
        {
            vault.Get("acme", "cloudways/api-key").ShouldBe(apiKey);
            vault.Get("acme", "cloudways/email").ShouldBe("ops@acme.test");
        }

        (await File.ReadAllTextAsync(paths.VaultFile)).ShouldNotContain(apiKey);
        (await AuditText("acme")).ShouldNotContain(apiKey);
        File.Exists(new BastionPaths(_server.DataDirectory).ForTenant("globex").VaultFile).ShouldBeFalse();
    }

    private static IEnumerable<string?> Names(System.Text.Json.JsonElement hosts) =>
        hosts.GetProperty("hosts").EnumerateArray().Select(h => h.GetProperty("name").GetString());

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
