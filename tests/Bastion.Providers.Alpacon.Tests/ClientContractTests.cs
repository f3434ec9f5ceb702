using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using Bastion.Core;
using Bastion.Fakes.Alpacon;
using Bastion.Mcp;
using Bastion.Providers.Alpacon.Api;
using Microsoft.Extensions.DependencyInjection;

namespace Bastion.Providers.Alpacon.Tests;

/// <summary>Alpacon's REST client against the strict fake: authentication, pagination, and each way a call is refused.</summary>
public sealed class ClientContractTests : IAsyncLifetime
{
    private AlpaconHarness _harness = null!;

    public async Task InitializeAsync() => _harness = await AlpaconHarness.StartAsync();

    public async Task DisposeAsync() => await _harness.DisposeAsync();

    private AlpaconClient Client => _harness.Services.GetRequiredService<AlpaconClients>().For(AlpaconHarness.Workspace);

    [Fact]
    public async Task Fake_RefusesMissingAndWrongTokens_InAlpaconsErrorShape()
    {
        using var http = new HttpClient { BaseAddress = _harness.Fake.Url };
        var missing = await http.GetAsync(new Uri("api/servers/servers/", UriKind.Relative));
        missing.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        var body = JsonDocument.Parse(await missing.Content.ReadAsStringAsync()).RootElement;
        body.GetProperty("detail").GetString().ShouldBe("Authentication credentials were not provided.");
        body.GetProperty("code").GetString().ShouldBe("not_authenticated");

        using var bearer = new HttpRequestMessage(HttpMethod.Get, "api/servers/servers/");
        bearer.Headers.Authorization = new AuthenticationHeaderValue("Bearer", _harness.Fake.Token);
        (await http.SendAsync(bearer)).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);

        using var quoted = new HttpRequestMessage(HttpMethod.Get, "api/servers/servers/");
        quoted.Headers.TryAddWithoutValidation("Authorization", $"token=\"{_harness.Fake.Token}\"");
        (await http.SendAsync(quoted)).StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task Client_ReportsARefusedToken_WithTheVaultName_AndNeverTheToken()
    {
        await using var wrong = await AlpaconHarness.StartAsync(token: "alpat-wrong-token-777777");
        var client = wrong.Services.GetRequiredService<AlpaconClients>().For(AlpaconHarness.Workspace);
        var error = await Should.ThrowAsync<PlatformException>(() => client.GetAsync("api/servers/servers/", null, CancellationToken.None));
        error.Status.ShouldBe(401);
        error.Message.ShouldContain("Invalid token. [authentication_failed]");
        error.Message.ShouldContain("bastion vault set alpacon/acme/token");
        error.Message.ShouldNotContain("alpat-wrong-token-777777");
    }

    [Fact]
    public async Task List_FollowsPageNumbers_PastThePageSizeCap()
    {
        var all = await Client.ListAsync("api/events/events/", null, 1000, CancellationToken.None);
        all.Total.ShouldBe(130);
        all.Items.Count.ShouldBe(130);
        all.Truncated.ShouldBeFalse();
        all.Items.Select(e => e.GetProperty("id").GetString()).Distinct().Count().ShouldBe(130);

        var cut = await Client.ListAsync("api/events/events/", null, 120, CancellationToken.None);
        cut.Items.Count.ShouldBe(120);
        cut.Total.ShouldBe(130);
        cut.Truncated.ShouldBeTrue();
    }

    [Fact]
    public async Task Fake_CapsPageSizeAt100_AndRefusesPagesPastTheEnd()
    {
        var page = await Client.GetAsync("api/events/events/", [new("page_size", "500")], CancellationToken.None);
        page.GetProperty("results").GetArrayLength().ShouldBe(100);
        page.GetProperty("next").GetInt32().ShouldBe(2);
        page.GetProperty("last").GetInt32().ShouldBe(2);
        var past = await Should.ThrowAsync<PlatformException>(() => Client.GetAsync("api/events/events/", [new("page", "3"), new("page_size", "100")], CancellationToken.None));
        past.Status.ShouldBe(404);
        past.Message.ShouldContain("Invalid page.");
    }

    [Fact]
    public async Task Client_ReadsFieldErrors_NotFound_AndMissingTrailingSlash()
    {
        var invalid = await Should.ThrowAsync<PlatformException>(() => Client.PostAsync("api/iam/users/", new Dictionary<string, object> { ["username"] = "lee", ["email"] = "not-an-address" }, CancellationToken.None));
        invalid.Status.ShouldBe(400);
        invalid.Message.ShouldContain("email: Enter a valid email address.");

        var missing = await Should.ThrowAsync<PlatformException>(() => Client.GetAsync("api/iam/users/00000000-0000-4000-8000-00000000dead/", null, CancellationToken.None));
        missing.Status.ShouldBe(404);

        var noSlash = await Should.ThrowAsync<PlatformException>(() => Client.GetAsync("api/servers/servers", null, CancellationToken.None));
        noSlash.Status.ShouldBe(404);
    }

    [Fact]
    public async Task Client_ReportsAnUnreachableWorkspace_AsTransient()
    {
        var paths = new Core.Configuration.BastionPaths(Directory.CreateTempSubdirectory("bastion-alpacon-").FullName);
        try
        {
            await AlpaconHarness.WriteVaultAsync(paths, "http://127.0.0.1:9/", "alpat-unreachable-1234");
            var services = new ServiceCollection().AddBastion(new Mcp.BastionOptions { Paths = paths }).AddAlpacon(AlpaconHarness.FastHttp, AlpaconHarness.FastOptions).BuildServiceProvider();
            await using (services)
            {
                var error = await Should.ThrowAsync<PlatformException>(() => services.GetRequiredService<AlpaconClients>().For((string?)null).GetAsync("api/servers/servers/", null, CancellationToken.None));
                error.Transient.ShouldBeTrue();
                error.Status.ShouldBeNull();
            }
        }
        finally
        {
            Directory.Delete(paths.DataDirectory, recursive: true);
        }
    }

    [Theory]
    [InlineData("alpacon/acme/url", "ftp://example.com", "must be an https URL")]
    [InlineData("alpacon/acme/url", "http://example.com", "must be an https URL")]
    [InlineData("alpacon/acme/token", null, "has no token")]
    public async Task Workspaces_ExplainABadConfiguration(string name, string? value, string expected)
    {
        var paths = new Core.Configuration.BastionPaths(Directory.CreateTempSubdirectory("bastion-alpacon-").FullName);
        try
        {
            using (var vault = Core.Secrets.Vault.CredentialVault.Open(paths))
            {
                await vault.SetAsync("default", "alpacon/workspaces", "acme", CancellationToken.None);
                await vault.SetAsync("default", "alpacon/acme/token", "alpat-config-test-1234", CancellationToken.None);
                await vault.SetAsync("default", "alpacon/acme/url", "https://acme.ap1.alpacon.io", CancellationToken.None);
                if (value is null)
                {
                    await vault.RemoveAsync("default", name, CancellationToken.None);
                }
                else
                {
                    await vault.SetAsync("default", name, value, CancellationToken.None);
                }
            }

            await using var services = new ServiceCollection().AddBastion(new Mcp.BastionOptions { Paths = paths }).AddAlpacon().BuildServiceProvider();
            var error = Should.Throw<BastionException>(() => services.GetRequiredService<AlpaconWorkspaces>().All());
            error.Message.ShouldContain(expected);
        }
        finally
        {
            Directory.Delete(paths.DataDirectory, recursive: true);
        }
    }

    [Fact]
    public async Task Workspaces_BuildTheRegionalUrl()
    {
        var paths = new Core.Configuration.BastionPaths(Directory.CreateTempSubdirectory("bastion-alpacon-").FullName);
        try
        {
            using (var vault = Core.Secrets.Vault.CredentialVault.Open(paths))
            {
                await vault.SetAsync("default", "alpacon/workspaces", "acme, beta", CancellationToken.None);
                await vault.SetAsync("default", "alpacon/acme/token", "alpat-config-test-1234", CancellationToken.None);
                await vault.SetAsync("default", "alpacon/acme/region", "ap1", CancellationToken.None);
                await vault.SetAsync("default", "alpacon/beta/token", "alpat-config-test-5678", CancellationToken.None);
                await vault.SetAsync("default", "alpacon/beta/url", "https://alpacon.internal.example/", CancellationToken.None);
            }

            await using var services = new ServiceCollection().AddBastion(new Mcp.BastionOptions { Paths = paths }).AddAlpacon().BuildServiceProvider();
            var workspaces = services.GetRequiredService<AlpaconWorkspaces>();
            workspaces.All().Select(w => w.BaseUri.ToString()).ShouldBe(["https://acme.ap1.alpacon.io/", "https://alpacon.internal.example/"]);
            Should.Throw<BastionException>(() => workspaces.Resolve(null)).Message.ShouldContain("Several Alpacon workspaces");
            workspaces.Resolve("beta").Region.ShouldBeNull();
            workspaces.All()[0].ToString().ShouldNotContain("alpat-");
        }
        finally
        {
            Directory.Delete(paths.DataDirectory, recursive: true);
        }
    }
}
