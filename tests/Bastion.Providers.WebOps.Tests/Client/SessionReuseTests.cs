using Bastion.Core.Configuration;
using Bastion.Core.Secrets.Vault;
using Bastion.Fakes.WebOps;

namespace Bastion.Providers.WebOps.Tests.Client;

/// <summary>
/// A session login is kept in the vault and reused by the next process (as each <c>bastion call</c> is), so calls from
/// the CLI do not spend two of the panel's requests on a login each; an expired one is replaced after one new login.
/// </summary>
public sealed class SessionReuseTests : IAsyncLifetime
{
    private FakeWebOps _fake = null!;
    private string _data = null!;

    public async Task InitializeAsync()
    {
        _fake = await FakeWebOps.StartAsync(new FakeWebOpsOptions());
        _data = Directory.CreateTempSubdirectory("bastion-webops-reuse-").FullName;
    }

    public async Task DisposeAsync()
    {
        await _fake.DisposeAsync();
        Directory.Delete(_data, recursive: true);
    }

    [Fact]
    public async Task NextProcess_ReusesTheKeptSession_WithoutLoggingIn()
    {
        await ListAsync(WebOpsHarness.SessionVault(_fake));
        _fake.Logins.ShouldBe(1);
        var loginPages = _fake.Count("GET", "/auth/login/");

        await ListAsync(new Dictionary<string, string>());
        await ListAsync(new Dictionary<string, string>());

        _fake.Logins.ShouldBe(1, "the second and third process reused the first one's session");
        _fake.Count("GET", "/auth/login/").ShouldBe(loginPages);
        var kept = VaultValue(WebOpsVault.Session).ShouldNotBeNull();
        kept.ShouldStartWith($"v1 {_fake.Url.TrimEnd('/')}/ admin ");
        _fake.Read(s => s.IssuedSecrets).ShouldContain(kept.Split(' ')[3]);
    }

    [Fact]
    public async Task ExpiredKeptSession_LogsInOnce_AndKeepsTheNewOne()
    {
        await ListAsync(WebOpsHarness.SessionVault(_fake));
        var first = VaultValue(WebOpsVault.Session);
        _fake.ExpireSessions();

        await ListAsync(new Dictionary<string, string>());
        await ListAsync(new Dictionary<string, string>());

        _fake.Logins.ShouldBe(2, "one new login after the expiry, then the new session reused");
        VaultValue(WebOpsVault.Session).ShouldNotBe(first);
    }

    [Fact]
    public async Task KeptSession_ForAnotherUser_IsNotUsed()
    {
        await ListAsync(WebOpsHarness.SessionVault(_fake));
        using (var vault = CredentialVault.Open(new BastionPaths(_data)))
        {
            await vault.SetAsync(CredentialVault.DefaultTenant, WebOpsVault.Username, "someone-else", CancellationToken.None);
        }

        await Should.ThrowAsync<PlatformException>(() => ListAsync(new Dictionary<string, string>()));

        _fake.FailedLogins.ShouldBe(1, "Bastion logged in as the stored user instead of reusing the admin's session");
    }

    private async Task ListAsync(IReadOnlyDictionary<string, string> vault)
    {
        await using var bastion = await WebOpsHarness.StartAsync(vault, dataDirectory: _data);
        await bastion.Client.ListPageAsync(1, 20, null, CancellationToken.None);
    }

    private string? VaultValue(string name)
    {
        using var vault = CredentialVault.Open(new BastionPaths(_data));
        return vault.Get(CredentialVault.DefaultTenant, name);
    }
}
