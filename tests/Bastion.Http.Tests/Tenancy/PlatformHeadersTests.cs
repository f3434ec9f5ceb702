using System.Net;
using System.Text.Json;
using Bastion.Core.Configuration;
using Bastion.Core.Policy;
using Bastion.Core.Secrets.Vault;
using Bastion.Fakes.Alpacon;
using Bastion.Fakes.CloudStack;
using Bastion.Fakes.Cloudways;
using Bastion.Fakes.WebOps;
using Bastion.Providers.Alpacon;
using Bastion.Providers.CloudStack;
using Bastion.Providers.Cloudways;
using Bastion.Providers.WebOps;

namespace Bastion.Http.Tests.Tenancy;

/// <summary>
/// Each platform set up by a tenant of the shared server with request headers alone, against two instances of the
/// platform's fake with different credentials: two tenants at once, each reaching its own instance with its own
/// credentials, and neither's vault holding the other's.
/// </summary>
public sealed class PlatformHeadersTests : IAsyncLifetime
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
        backends: tenant => tenant.AddAlpacon().AddCloudStack().AddCloudways().AddWebOps(),
        credentialHeaders: [AlpaconVault.Headers, CloudStackVault.Headers, CloudwaysVault.Headers, WebOpsVault.Headers]);

    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Fact]
    public async Task AlpaconHeaders_ConfigureEachTenant_WithItsOwnWorkspace()
    {
        await using var acme = await AlpaconFake.StartAsync(new AlpaconFakeOptions { Token = "alpat-acme-5f0c1d9e2a7b" });
        await using var globex = await AlpaconFake.StartAsync(new AlpaconFakeOptions { Token = "alpat-globex-8b3e6a1c4d0f" });

        var (a, b) = await BothAsync(
            "alpacon_list",
            new() { ["x-alpacon-workspace"] = "acme", ["x-alpacon-url"] = acme.Url.ToString(), ["x-alpacon-token"] = acme.Token },
            new() { ["x-alpacon-workspace"] = "globex", ["x-alpacon-url"] = globex.Url.ToString(), ["x-alpacon-token"] = globex.Token },
            """{"resource":"servers"}""");

        a.GetProperty("workspace").GetString().ShouldBe("acme");
        b.GetProperty("workspace").GetString().ShouldBe("globex");
        a.GetProperty("total").GetInt32().ShouldBe(acme.Servers.Count);
        b.GetProperty("total").GetInt32().ShouldBe(globex.Servers.Count);
        VaultOf("acme", AlpaconVault.Token("acme")).ShouldBe(acme.Token);
        VaultOf("acme", AlpaconVault.Workspaces).ShouldBe("acme");
        VaultOf("acme", AlpaconVault.Token("globex")).ShouldBeNull();
        VaultText("acme").ShouldNotContain(globex.Token);
        VaultText("globex").ShouldNotContain(acme.Token);
    }

    [Fact]
    public async Task CloudStackHeaders_ConfigureEachTenant_WithItsOwnKeyPair()
    {
        await using var acme = await CloudStackFake.StartAsync(new CloudStackFakeOptions { ApiKey = "cs-acme-api-key-71c2", SecretKey = "cs-acme-secret-key-0d9e" });
        await using var globex = await CloudStackFake.StartAsync(new CloudStackFakeOptions { ApiKey = "cs-globex-api-key-3a8b", SecretKey = "cs-globex-secret-key-5f6c" });

        var (a, b) = await BothAsync(
            "cloudstack_status",
            new() { ["x-cloudstack-url"] = acme.Url.ToString(), ["x-cloudstack-api-key"] = acme.Options.ApiKey, ["x-cloudstack-secret-key"] = acme.Options.SecretKey },
            new() { ["x-cloudstack-url"] = globex.Url.ToString(), ["x-cloudstack-api-key"] = globex.Options.ApiKey, ["x-cloudstack-secret-key"] = globex.Options.SecretKey });

        a.GetProperty("reachable").GetBoolean().ShouldBeTrue(a.ToString());
        b.GetProperty("reachable").GetBoolean().ShouldBeTrue(b.ToString());
        acme.Requests.ShouldNotBeEmpty();
        globex.Requests.ShouldNotBeEmpty();
        acme.Requests.ShouldAllBe(r => !r.Query.Contains(globex.Options.ApiKey));
        VaultOf("acme", CloudStackVault.SecretKey).ShouldBe(acme.Options.SecretKey);
        VaultOf("globex", CloudStackVault.Url).ShouldBe(globex.Url.ToString());
        VaultText("globex").ShouldNotContain(acme.Options.SecretKey);
    }

    [Fact]
    public async Task CloudwaysHeaders_ConfigureEachTenant_WithItsOwnAccount()
    {
        await using var acme = await CloudwaysFake.StartAsync(new FakeOptions { Email = "ops@acme.test", ApiKey = "cw-acme-apikey-2b7d9e" });
        await using var globex = await CloudwaysFake.StartAsync(new FakeOptions { Email = "ops@globex.test", ApiKey = "cw-globex-apikey-6c1f0a" });

        var (a, b) = await BothAsync(
            "cloudways_status",
            new() { ["x-cloudways-url"] = acme.BaseUrl.ToString(), ["x-cloudways-email"] = acme.Options.Email, ["x-cloudways-api-key"] = acme.Options.ApiKey },
            new() { ["x-cloudways-url"] = globex.BaseUrl.ToString(), ["x-cloudways-email"] = globex.Options.Email, ["x-cloudways-api-key"] = globex.Options.ApiKey });

        a.GetProperty("authenticated").GetBoolean().ShouldBeTrue(a.ToString());
        b.GetProperty("authenticated").GetBoolean().ShouldBeTrue(b.ToString());
        VaultOf("acme", CloudwaysVault.ApiKey).ShouldBe(acme.Options.ApiKey);
        VaultText("acme").ShouldNotContain(globex.Options.ApiKey);
        VaultText("globex").ShouldNotContain(acme.Options.ApiKey);
    }

    [Fact]
    public async Task WebOpsHeaders_ConfigureEachTenant_WithItsOwnPanel()
    {
        await using var acme = await FakeWebOps.StartAsync(new FakeWebOpsOptions { Token = "wo-acme-token-4e1a8c2d", AcceptBearer = true });
        await using var globex = await FakeWebOps.StartAsync(new FakeWebOpsOptions { Token = "wo-globex-token-9f3b7d0e", AcceptBearer = true });

        var (a, b) = await BothAsync(
            "webops_deployment",
            new() { ["x-webops-url"] = acme.Url, ["x-webops-token"] = acme.Options.Token! },
            new() { ["x-webops-url"] = globex.Url, ["x-webops-token"] = globex.Options.Token! },
            """{"resource":"list"}""");

        a.GetProperty("list").TryGetProperty("total", out _).ShouldBeTrue(a.ToString());
        b.GetProperty("list").TryGetProperty("total", out _).ShouldBeTrue(b.ToString());
        acme.Requests.ShouldNotBeEmpty();
        globex.Requests.ShouldNotBeEmpty();
        VaultOf("acme", WebOpsVault.Token).ShouldBe(acme.Options.Token);
        VaultOf("globex", WebOpsVault.Url).ShouldBe(globex.Url);
        VaultText("acme").ShouldNotContain(globex.Options.Token!);
    }

    [Fact]
    public async Task AlpaconToken_WithoutWorkspace_IsRefused_NamingWhatIsMissing()
    {
        using var response = await _server.PostAsync(HttpTestServer.Initialize(), token: Alice, tweak: r => r.Headers.Add("x-alpacon-token", "alpat-lonely-token-0a1b2c"));

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        var message = (await HttpTestServer.ReadMessageAsync(response)).GetProperty("error").GetProperty("message").GetString() ?? string.Empty;
        message.ShouldContain("x-alpacon-workspace");
        message.ShouldContain("x-alpacon-region");
        File.Exists(new BastionPaths(_server.DataDirectory).ForTenant("acme").VaultFile).ShouldBeFalse();
    }

    [Fact]
    public async Task CloudStackKey_WithoutItsSecret_IsRefused()
    {
        using var response = await _server.PostAsync(HttpTestServer.Initialize(), token: Bob, tweak: r => r.Headers.Add("x-cloudstack-api-key", "cs-half-a-pair-7e2d"));

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await HttpTestServer.ReadMessageAsync(response)).GetProperty("error").GetProperty("message").GetString()!.ShouldContain("x-cloudstack-secret-key");
    }

    [Fact]
    public async Task SshUserSetting_IsNotRedacted_WhileTheSecretKeyIs()
    {
        await using var cloud = await CloudStackFake.StartAsync(new CloudStackFakeOptions { ApiKey = "cs-redact-api-key-4d2e", SecretKey = "cs-redact-secret-key-8a1f" });
        var session = await _server.OpenSessionAsync(Alice, r => Add(r, new()
        {
            ["x-cloudstack-url"] = cloud.Url.ToString(),
            ["x-cloudstack-api-key"] = cloud.Options.ApiKey,
            ["x-cloudstack-secret-key"] = cloud.Options.SecretKey,
            ["x-cloudstack-ssh-user"] = "ubuntu",
        }));

        var templates = await _server.CallAsync(session, "cloudstack_list", """{"resource":"templates"}""", Alice);
        using var echo = await _server.PostAsync(HttpTestServer.Call("hosts_describe", $$"""{"target":"{{cloud.Options.SecretKey}}"}"""), session, Alice);
        var echoed = (await HttpTestServer.ReadMessageAsync(echo)).ToString();

        templates.ToString().ShouldContain("ubuntu-22.04");
        echoed.ShouldContain("REDACTED");
        echoed.ShouldNotContain(cloud.Options.SecretKey);
    }

    [Theory]
    [MemberData(nameof(Declarations))]
    public void VaultNames_AreSettingsOrSecrets_AsTheirPlatformDeclares(string platform, IReadOnlyList<string> settings, IReadOnlyList<string> secrets)
    {
        settings.ShouldAllBe(n => CredentialVault.IsSetting(n), platform);
        secrets.ShouldAllBe(n => !CredentialVault.IsSetting(n), platform);
    }

    [Fact]
    public void HeaderSets_MarkSecrets_AsTheVaultNamesDo()
    {
        var full = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase)
        {
            ["x-alpacon-workspace"] = "acme", ["x-alpacon-token"] = "t-0123456789", ["x-alpacon-url"] = "https://acme.ap1.alpacon.io",
        };
        IEnumerable<VaultWrite> writes =
        [
            .. AlpaconVault.Headers.Map(full),
            .. new[] { CloudStackVault.Headers, CloudwaysVault.Headers, WebOpsVault.Headers }.SelectMany(set => set.Map(set.Headers.Keys.ToDictionary(h => h, h => "value-" + h, StringComparer.OrdinalIgnoreCase))),
        ];

        writes.ShouldAllBe(w => w.IsSecret == !CredentialVault.IsSetting(w.Name));
    }

    public static TheoryData<string, IReadOnlyList<string>, IReadOnlyList<string>> Declarations() => new()
    {
        { "alpacon", AlpaconVault.Settings, AlpaconVault.Secrets },
        { "cloudstack", CloudStackVault.Settings, CloudStackVault.Secrets },
        { "cloudways", CloudwaysVault.Settings, CloudwaysVault.Secrets },
        { "webops", WebOpsVault.Settings, WebOpsVault.Secrets },
    };

    /// <summary>Opens a session per tenant with its headers and calls <paramref name="tool"/> in both at once.</summary>
    private async Task<(JsonElement Acme, JsonElement Globex)> BothAsync(string tool, Dictionary<string, string> acme, Dictionary<string, string> globex, string arguments = "{}")
    {
        var sessions = await Task.WhenAll(
            _server.OpenSessionAsync(Alice, r => Add(r, acme)),
            _server.OpenSessionAsync(Bob, r => Add(r, globex)));
        var results = await Task.WhenAll(_server.CallAsync(sessions[0], tool, arguments, Alice), _server.CallAsync(sessions[1], tool, arguments, Bob));
        return (results[0], results[1]);
    }

    private static void Add(HttpRequestMessage request, Dictionary<string, string> headers)
    {
        foreach (var (name, value) in headers)
        {
            request.Headers.Add(name, value);
        }
    }

    private string? VaultOf(string tenant, string name)
    {
        using var vault = CredentialVault.Open(new BastionPaths(_server.DataDirectory).ForTenant(tenant));
        return vault.Get(tenant, name);
    }

    private string VaultText(string tenant)
    {
        using var vault = CredentialVault.Open(new BastionPaths(_server.DataDirectory).ForTenant(tenant));
        return string.Join("\n", vault.List(tenant).Select(i => $"{i.Name}={vault.Get(tenant, i.Name)}"));
    }
}
