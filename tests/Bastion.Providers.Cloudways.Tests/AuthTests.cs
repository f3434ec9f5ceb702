using Bastion.Core.Credentials;
using Bastion.Providers.Cloudways.Api;
using Bastion.Providers.Cloudways.Servers;

namespace Bastion.Providers.Cloudways.Tests;

/// <summary>Both auth flows against the fake: exchange, renewal, 401 recovery, refused and changed credentials, access tokens and their roles.</summary>
public sealed class AuthTests
{
    private static Dictionary<string, string> Vault(string? email = Harness.Email, string? apiKey = Harness.ApiKey, string? accessToken = null)
    {
        var vault = new Dictionary<string, string>();
        if (email is not null)
        {
            vault[CloudwaysVault.Email] = email;
        }

        if (apiKey is not null)
        {
            vault[CloudwaysVault.ApiKey] = apiKey;
        }

        if (accessToken is not null)
        {
            vault[CloudwaysVault.AccessToken] = accessToken;
        }

        return vault;
    }

    [Fact]
    public async Task ApiKey_IsExchangedOnce_WithAFormBody_ThenSentAsBearerOnEveryCall()
    {
        await using var h = await Harness.StartAsync();
        var servers = h.Get<CloudwaysServers>();

        var first = await servers.ListAsync(CancellationToken.None);
        await servers.ListAsync(CancellationToken.None);

        first.Select(s => s.Server.Long("id")).ShouldBe([50482L, 50483L], "terminated servers are left out; ids arrive as strings");
        var exchange = h.Requests("POST", "/oauth/access_token").ShouldHaveSingleItem();
        exchange.Status.ShouldBe(200);
        exchange.ContentType.ShouldNotBeNull().ShouldStartWith("application/x-www-form-urlencoded");
        var issued = h.Fake.State.Tokens.Single(t => t.ApiKey is not null).Value;
        h.Requests("GET", "/server").Select(r => (r.Status, r.Bearer)).ShouldBe([(200, issued), (200, issued)]);
        h.Get<CloudwaysAuth>().Provider.Status.State.ShouldBe(TokenStates.Valid);
    }

    [Fact]
    public async Task WrongApiKey_IsRefusedOnce_WithAMessageNamingTheVaultEntry_NeverTheKey()
    {
        const string wrong = "cw-wrong-key-0a1b2c3d";
        await using var h = await Harness.StartAsync(Vault(apiKey: wrong));

        var error = await Should.ThrowAsync<TokenRevokedException>(() => h.Get<CloudwaysServers>().ListAsync(CancellationToken.None));

        error.Message.ShouldContain("was refused");
        error.Message.ShouldContain("401");
        error.Message.ShouldContain("bastion vault set cloudways/api-key");
        error.Message.ShouldNotContain(wrong);
        h.Requests("POST", "/oauth/access_token").Count.ShouldBe(1, "a refused credential is not retried");
        h.Requests("GET", "/server").ShouldBeEmpty();
        h.Get<CloudwaysAuth>().Provider.Status.State.ShouldBe(TokenStates.Revoked);
    }

    [Fact]
    public async Task Token_IsRenewedBeforeItExpires_SoCloudwaysNeverAnswers401()
    {
        await using var h = await Harness.StartAsync();
        var servers = h.Get<CloudwaysServers>();
        await servers.ListAsync(CancellationToken.None);

        h.Clock.Advance(TimeSpan.FromMinutes(54));
        await servers.ListAsync(CancellationToken.None);
        h.Fake.State.TokensIssued.ShouldBe(1, "a token with 6 minutes left is still used");

        h.Clock.Advance(TimeSpan.FromMinutes(2));
        await servers.ListAsync(CancellationToken.None);
        h.Fake.State.TokensIssued.ShouldBe(2, "with 4 minutes left it is renewed (5 minutes ahead)");
        h.Fake.Requests.ShouldNotContain(r => r.Status == 401);
        var bearers = h.Requests("GET", "/server").Select(r => r.Bearer).ToList();
        bearers[2].ShouldNotBe(bearers[0]);
    }

    [Fact]
    public async Task ExpiredToken_IsExchangedAgainAfterA401_AndTheCallSucceeds()
    {
        await using var h = await Harness.StartAsync();
        var servers = h.Get<CloudwaysServers>();
        await servers.ListAsync(CancellationToken.None);

        h.Fake.State.ExpireTokens();
        (await servers.ListAsync(CancellationToken.None)).Count.ShouldBe(2);

        h.Requests("GET", "/server").Select(r => r.Status).ShouldBe([200, 401, 200]);
        h.Requests("POST", "/oauth/access_token").Count.ShouldBe(2);
    }

    [Fact]
    public async Task ExpiredToken_OnAPost_IsExchangedAgain_AndThePostSentOnceMore()
    {
        await using var h = await Harness.StartAsync();
        var client = h.Get<CloudwaysClient>();
        await client.GetAsync("/server", CancellationToken.None);

        h.Fake.State.ExpireTokens();
        await client.PostAsync("/server/restart", CancellationToken.None, CloudwaysClient.Field("server_id", 50482));

        // The 401 proves the first POST was not carried out, so sending it again does not restart twice.
        h.Requests("POST", "/server/restart").Select(r => r.Status).ShouldBe([401, 200]);
        h.Fake.State.Operations.Count.ShouldBe(1);
    }

    [Fact]
    public async Task RevokedKey_SurfacesClearly_AfterTheTokenStopsWorking()
    {
        await using var h = await Harness.StartAsync();
        var servers = h.Get<CloudwaysServers>();
        await servers.ListAsync(CancellationToken.None);

        h.Fake.State.ApiKey = "cw-apikey-regenerated-99";
        h.Fake.State.RevokeTokens();
        var error = await Should.ThrowAsync<TokenRevokedException>(() => servers.ListAsync(CancellationToken.None));

        error.Message.ShouldContain("The Cloudways API key for 'cloudways' was refused");
        error.Message.ShouldContain("The user credentials were incorrect");
        h.Get<CloudwaysAuth>().Provider.Status.State.ShouldBe(TokenStates.Revoked);
        h.Get<CloudwaysAuth>().Provider.Status.LastError.ShouldNotBeNull().ShouldNotContain(Harness.ApiKey);
    }

    [Fact]
    public async Task ChangedApiKey_InTheVault_IsNeverServedTheOldKeysToken()
    {
        const string next = "cw-apikey-second-5e6f7a8b";
        await using var h = await Harness.StartAsync();
        var servers = h.Get<CloudwaysServers>();
        await servers.ListAsync(CancellationToken.None);

        // The key is replaced in the vault (bastion vault set, or a new x-cloudways-api-key header). The old token
        // would still work at Cloudways; it must not be used for the new credential.
        h.Fake.State.ApiKey = next;
        await h.SetVaultAsync(CloudwaysVault.ApiKey, next);
        await servers.ListAsync(CancellationToken.None);

        var last = h.Requests("GET", "/server")[^1];
        h.Fake.State.Tokens.Single(t => t.Value == last.Bearer).ApiKey.ShouldBe(next);
        h.Requests("POST", "/oauth/access_token").Select(r => r.Status).ShouldBe([200, 200]);
    }

    [Fact]
    public async Task AccessToken_IsSentAsItIs_WithoutAnExchange_AndWinsOverAnApiKey()
    {
        await using var h = await Harness.StartAsync(Vault(accessToken: Harness.FullToken));

        (await h.Get<CloudwaysServers>().ListAsync(CancellationToken.None)).Count.ShouldBe(2);

        h.Requests("POST", "/oauth/access_token").ShouldBeEmpty();
        h.Requests("GET", "/server").ShouldHaveSingleItem().Bearer.ShouldBe(Harness.FullToken);
    }

    [Fact]
    public async Task ReadRoleAccessToken_IsRefusedForRestart_WithAMessageAboutTheRole()
    {
        await using var h = await Harness.StartAsync(Vault(email: null, apiKey: null, accessToken: Harness.ReadToken));
        var client = h.Get<CloudwaysClient>();
        await client.GetAsync("/server", CancellationToken.None);

        var error = await Should.ThrowAsync<PlatformException>(() => client.PostAsync("/server/restart", CancellationToken.None, CloudwaysClient.Field("server_id", 50482)));

        error.Status.ShouldBe(403);
        error.Message.ShouldContain("POST /server/restart is forbidden (403");
        error.Message.ShouldContain("READ tokens cannot start, stop or restart");
        error.Message.ShouldNotContain(Harness.ReadToken);
        h.Fake.State.Operations.ShouldBeEmpty();
    }

    [Fact]
    public async Task RefusedAccessToken_SaysToSetANewOne_AndIsNotExchanged()
    {
        const string stale = "cwat-unknown-1f2e3d4c5b6a";
        await using var h = await Harness.StartAsync(Vault(email: null, apiKey: null, accessToken: stale));

        var error = await Should.ThrowAsync<PlatformException>(() => h.Get<CloudwaysServers>().ListAsync(CancellationToken.None));

        error.Status.ShouldBe(401);
        error.Message.ShouldContain("the access token was refused (401: The access token provided is invalid)");
        error.Message.ShouldContain("bastion vault set cloudways/access-token");
        error.Message.ShouldNotContain(stale);
        h.Requests("GET", "/server").Count.ShouldBe(1);
        h.Requests("POST", "/oauth/access_token").ShouldBeEmpty();
    }

    [Fact]
    public async Task NothingConfigured_SaysWhatToStore_WithoutCallingCloudways()
    {
        await using var h = await Harness.StartAsync(new Dictionary<string, string>());

        h.Get<CloudwaysClient>().IsConfigured.ShouldBeFalse();
        var error = await Should.ThrowAsync<PlatformException>(() => h.Get<CloudwaysServers>().ListAsync(CancellationToken.None));

        error.Message.ShouldContain("not configured");
        error.Message.ShouldContain("cloudways/api-key");
        error.Message.ShouldContain("x-cloudways-* headers");
        h.Fake.Requests.ShouldBeEmpty();
    }
}
