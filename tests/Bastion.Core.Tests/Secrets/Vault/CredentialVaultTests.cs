using System.Security.Cryptography;
using Bastion.Core.Configuration;
using Bastion.Core.Secrets;
using Bastion.Core.Secrets.Vault;
using Bastion.Core.Tests.Audit;

namespace Bastion.Core.Tests.Secrets.Vault;

public sealed class CredentialVaultTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("bastion-vault-").FullName;
    private readonly BastionPaths _paths;
    private readonly VaultKeySource _key = VaultKeySource.FromKey(RandomNumberGenerator.GetBytes(32));

    public CredentialVaultTests() => _paths = new BastionPaths(_dir);

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private CredentialVault Open() => CredentialVault.Open(_paths, _key);

    [Fact]
    public async Task SetThenGet_RoundTripsEveryValue_AfterReopening_AndTheFileHoldsNoneInClear()
    {
        var values = new Dictionary<string, string>
        {
            ["ssh/web-01:passphrase"] = "correct horse battery staple",
            ["cloudways/api-key"] = "cw_live_4f9a1c2e7d",
            ["unicode"] = "pässwörd-🔑-密码",
            ["long"] = new string('x', CredentialVault.MaxValueLength),
            ["x"] = "1",
        };
        using (var vault = Open())
        {
            foreach (var (name, value) in values)
            {
                await vault.SetAsync(CredentialVault.DefaultTenant, name, value, CancellationToken.None);
            }
        }

        using var reopened = Open();
        foreach (var (name, value) in values)
        {
            reopened.Get(CredentialVault.DefaultTenant, name).ShouldBe(value);
        }

        reopened.Get(CredentialVault.DefaultTenant, "missing").ShouldBeNull();
        reopened.KeyKind.ShouldBe(VaultKeyKind.Key);
        var text = File.ReadAllText(_paths.VaultFile);
        text.ShouldNotContain("correct horse");
        text.ShouldNotContain("cw_live_4f9a1c2e7d");
        text.ShouldContain("\"key_kind\": \"key\"");
        text.ShouldContain("\"cipher\": \"aes-256-gcm\"");
        (File.GetUnixFileMode(_paths.VaultFile) & (UnixFileMode)0x3F).ShouldBe(UnixFileMode.None, "the vault is private to its owner");
    }

    [Fact]
    public async Task Set_UsesAFreshNonceEveryTime_EvenForTheSameValue()
    {
        using var vault = Open();
        await vault.SetAsync("default", "a", "same value", CancellationToken.None);
        await vault.SetAsync("default", "b", "same value", CancellationToken.None);
        var first = Nonces();
        await vault.SetAsync("default", "a", "same value", CancellationToken.None);
        var second = Nonces();

        first["a"].ShouldNotBe(first["b"]);
        second["a"].ShouldNotBe(first["a"], "a was encrypted again, under a new nonce");
        second["b"].ShouldBe(first["b"], "b was not touched");
    }

    private Dictionary<string, string> Nonces() =>
        System.Text.Json.Nodes.JsonNode.Parse(File.ReadAllText(_paths.VaultFile))!["entries"]!.AsArray()
            .ToDictionary(e => (string)e!["name"]!, e => (string)e!["nonce"]!);

    [Fact]
    public async Task Get_NeverReturnsAnotherTenantsValue()
    {
        using var vault = Open();
        await vault.SetAsync("tenant-a", "api-token", "value-of-a", CancellationToken.None);
        await vault.SetAsync("tenant-b", "api-token", "value-of-b", CancellationToken.None);
        await vault.SetAsync("tenant-b", "only-b", "another-b", CancellationToken.None);

        vault.Get("tenant-a", "api-token").ShouldBe("value-of-a");
        vault.Get("tenant-b", "api-token").ShouldBe("value-of-b");
        vault.Get("tenant-a", "only-b").ShouldBeNull();
        vault.Get(CredentialVault.DefaultTenant, "api-token").ShouldBeNull();
        vault.List("tenant-a").Select(i => i.Name).ShouldBe(["api-token"]);
        vault.List().Select(i => $"{i.Tenant}/{i.Name}").ShouldBe(["tenant-a/api-token", "tenant-b/api-token", "tenant-b/only-b"]);
    }

    [Fact]
    public async Task List_GivesNamesAndTimes_KeepingCreated_AndMovingUpdated()
    {
        var clock = new ManualTimeProvider(new DateTimeOffset(2026, 3, 1, 9, 0, 0, TimeSpan.Zero));
        using var vault = Open();
        vault.Clock = clock;
        await vault.SetAsync("default", "token", "first-value", CancellationToken.None);
        clock.Advance(TimeSpan.FromHours(1));
        await vault.SetAsync("default", "token", "second-value", CancellationToken.None);

        using var reopened = Open();
        var item = reopened.List().ShouldHaveSingleItem();
        item.ShouldBe(new VaultItem("default", "token", new DateTimeOffset(2026, 3, 1, 9, 0, 0, TimeSpan.Zero), new DateTimeOffset(2026, 3, 1, 10, 0, 0, TimeSpan.Zero)));
        reopened.Get("default", "token").ShouldBe("second-value");
    }

    [Fact]
    public async Task Remove_DeletesTheValue_AndSaysWhetherThereWasOne()
    {
        using var vault = Open();
        await vault.SetAsync("default", "token", "some-value", CancellationToken.None);
        (await vault.RemoveAsync("default", "token", CancellationToken.None)).ShouldBeTrue();
        (await vault.RemoveAsync("default", "token", CancellationToken.None)).ShouldBeFalse();
        vault.Get("default", "token").ShouldBeNull();
        Open().List().ShouldBeEmpty();
    }

    [Theory]
    [InlineData("default", "", "value", "Invalid vault name ''")]
    [InlineData("default", "-leading-dash", "value", "Invalid vault name '-leading-dash'")]
    [InlineData("default", "has space", "value", "Invalid vault name 'has space'")]
    [InlineData("default", "nul\0byte", "value", "Invalid vault name")]
    [InlineData("bad tenant", "name", "value", "Invalid tenant 'bad tenant'")]
    [InlineData("", "name", "value", "Invalid tenant ''")]
    [InlineData("default", "name", "", "cannot be empty")]
    public async Task Set_RejectsInvalidTenantsNamesAndValues(string tenant, string name, string value, string expected)
    {
        using var vault = Open();
        (await Should.ThrowAsync<BastionException>(vault.SetAsync(tenant, name, value, CancellationToken.None))).Message.ShouldContain(expected);
        File.Exists(_paths.VaultFile).ShouldBeFalse();
    }

    [Fact]
    public async Task Set_RejectsAValueLongerThanTheLimit_AndANameLongerThan128()
    {
        using var vault = Open();
        (await Should.ThrowAsync<BastionException>(vault.SetAsync("default", "n", new string('x', CredentialVault.MaxValueLength + 1), CancellationToken.None)))
            .Message.ShouldContain("at most 65536 characters");
        await vault.SetAsync("default", new string('n', 128), "ok-value", CancellationToken.None);
        (await Should.ThrowAsync<BastionException>(vault.SetAsync("default", new string('n', 129), "value", CancellationToken.None))).Message.ShouldContain("Invalid vault name");
    }

    [Fact]
    public void Open_OfAMissingVault_IsEmpty_AndCreatesNoFile()
    {
        using var vault = CredentialVault.Open(_paths);
        vault.List().ShouldBeEmpty();
        vault.Get("default", "anything").ShouldBeNull();
        vault.KeyKind.ShouldBeNull();
        Directory.GetFiles(_dir).ShouldBeEmpty();
    }

    [Fact]
    public async Task Vault_SeesChangesMadeThroughAnotherInstance()
    {
        using var first = Open();
        using var second = Open();
        await first.SetAsync("default", "token", "value-one", CancellationToken.None);
        second.Get("default", "token").ShouldBe("value-one");
        await second.SetAsync("default", "other", "value-two", CancellationToken.None);
        first.List().Select(i => i.Name).ShouldBe(["other", "token"]);
    }

    [Fact]
    public async Task ConcurrentWriters_InOneInstanceAndAcrossInstances_LoseNothing()
    {
        using var shared = Open();
        using var other = Open();
        var writes = Enumerable.Range(0, 40).Select(i => (i % 3 == 0 ? other : shared).SetAsync("default", $"name-{i}", $"value-{i}", CancellationToken.None));
        var reads = Enumerable.Range(0, 40).Select(_ => Task.Run(() => shared.List().Count));
        await Task.WhenAll(writes.Concat(reads));

        using var reopened = Open();
        reopened.List().Count.ShouldBe(40);
        for (var i = 0; i < 40; i++)
        {
            reopened.Get("default", $"name-{i}").ShouldBe($"value-{i}");
        }
    }

    [Fact]
    public async Task Set_WaitsForTheLockAnotherProcessHolds()
    {
        using var vault = Open();
        Task write;
        using (new FileStream(_paths.VaultFile + ".lock", new FileStreamOptions { Mode = FileMode.OpenOrCreate, Access = FileAccess.ReadWrite, Share = FileShare.None }))
        {
            write = vault.SetAsync("default", "token", "some-value", CancellationToken.None);
            await Task.Delay(300);
            write.IsCompleted.ShouldBeFalse("another open file description holds the flock");
            File.Exists(_paths.VaultFile).ShouldBeFalse();
        }

        await write.WaitAsync(TimeSpan.FromSeconds(5));
        vault.Get("default", "token").ShouldBe("some-value");
    }

    [Fact]
    public async Task AllValues_FeedTheRedactor()
    {
        using var vault = Open();
        await vault.SetAsync("tenant-a", "token", "tok-1234567890", CancellationToken.None);
        await vault.SetAsync("default", "ssh:passphrase", "passphrase-abcdef", CancellationToken.None);
        vault.AllValues().Order(StringComparer.Ordinal).ShouldBe(["passphrase-abcdef", "tok-1234567890"]);

        var redactor = new Redactor(vault.AllValues());
        redactor.Redact("key is tok-1234567890, pass passphrase-abcdef").ShouldBe("key is [REDACTED:known_secret], pass [REDACTED:known_secret]");
    }
}
