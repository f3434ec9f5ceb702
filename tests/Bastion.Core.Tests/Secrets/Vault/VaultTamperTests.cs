using System.Security.Cryptography;
using System.Text.Json.Nodes;
using Bastion.Core.Configuration;
using Bastion.Core.Secrets.Vault;

namespace Bastion.Core.Tests.Secrets.Vault;

/// <summary>Edits of vault.json made behind Bastion's back: each is refused with a clear error, and nothing else is lost.</summary>
public sealed class VaultTamperTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("bastion-vault-tamper-").FullName;
    private readonly BastionPaths _paths;
    private readonly VaultKeySource _key = VaultKeySource.FromKey(RandomNumberGenerator.GetBytes(32));

    public VaultTamperTests() => _paths = new BastionPaths(_dir);

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private async Task SeedAsync()
    {
        using var vault = CredentialVault.Open(_paths, _key);
        await vault.SetAsync("tenant-a", "api-token", "value-of-tenant-a", CancellationToken.None);
        await vault.SetAsync("tenant-b", "api-token", "value-of-tenant-b", CancellationToken.None);
        await vault.SetAsync("tenant-b", "other", "other-value-of-b", CancellationToken.None);
    }

    /// <summary>Applies <paramref name="edit"/> to the JSON entry of <paramref name="tenant"/>/<paramref name="name"/>.</summary>
    private void EditEntry(string tenant, string name, Action<JsonObject> edit)
    {
        var root = JsonNode.Parse(File.ReadAllText(_paths.VaultFile))!.AsObject();
        var entry = root["entries"]!.AsArray().Select(e => e!.AsObject()).Single(e => (string?)e["tenant"] == tenant && (string?)e["name"] == name);
        edit(entry);
        File.WriteAllText(_paths.VaultFile, root.ToJsonString());
    }

    private static void FlipBit(JsonObject entry, string field)
    {
        var bytes = Convert.FromBase64String((string)entry[field]!);
        bytes[^1] ^= 0x01;
        entry[field] = Convert.ToBase64String(bytes);
    }

    [Theory]
    [InlineData("ciphertext")]
    [InlineData("nonce")]
    [InlineData("tag")]
    public async Task AnAlteredField_FailsTheIntegrityCheck_AndOtherValuesStillDecrypt(string field)
    {
        await SeedAsync();
        EditEntry("tenant-a", "api-token", e => FlipBit(e, field));

        using var vault = CredentialVault.Open(_paths, _key);
        Should.Throw<BastionException>(() => vault.Get("tenant-a", "api-token")).Message
            .ShouldBe($"The value 'api-token' of tenant 'tenant-a' in {_paths.VaultFile} failed its integrity check: its nonce, ciphertext or tag was altered, " +
                $"or it was moved from another name or tenant, so it cannot be decrypted. Set it again (`bastion vault set api-token --tenant tenant-a`), " +
                $"remove it, or restore {_paths.VaultFile}.bak.");
        vault.Get("tenant-b", "api-token").ShouldBe("value-of-tenant-b");
        Should.Throw<BastionException>(vault.AllValues).Message.ShouldContain("failed its integrity check");
    }

    [Fact]
    public async Task AnEntryMovedToAnotherTenant_DoesNotDecryptThere()
    {
        await SeedAsync();
        EditEntry("tenant-b", "other", e => e["tenant"] = "tenant-a");

        using var vault = CredentialVault.Open(_paths, _key);
        Should.Throw<BastionException>(() => vault.Get("tenant-a", "other")).Message.ShouldContain("'other' of tenant 'tenant-a'");
        Should.Throw<BastionException>(() => vault.Get("tenant-a", "other")).Message.ShouldContain("failed its integrity check");
        vault.Get("tenant-b", "other").ShouldBeNull();
    }

    [Fact]
    public async Task AnEntryMovedToAnotherName_DoesNotDecryptThere()
    {
        await SeedAsync();
        EditEntry("tenant-a", "api-token", e => e["name"] = "renamed");

        using var vault = CredentialVault.Open(_paths, _key);
        Should.Throw<BastionException>(() => vault.Get("tenant-a", "renamed")).Message.ShouldContain("'renamed' of tenant 'tenant-a'");
    }

    [Fact]
    public async Task AnotherTenantsCiphertext_CopiedOverAValue_DoesNotDecrypt()
    {
        await SeedAsync();
        var root = JsonNode.Parse(File.ReadAllText(_paths.VaultFile))!.AsObject();
        var entries = root["entries"]!.AsArray().Select(e => e!.AsObject()).ToList();
        var source = entries.Single(e => (string?)e["tenant"] == "tenant-b" && (string?)e["name"] == "api-token");
        var target = entries.Single(e => (string?)e["tenant"] == "tenant-a" && (string?)e["name"] == "api-token");
        foreach (var field in new[] { "nonce", "ciphertext", "tag" })
        {
            target[field] = (string?)source[field];
        }

        File.WriteAllText(_paths.VaultFile, root.ToJsonString());
        using var vault = CredentialVault.Open(_paths, _key);
        Should.Throw<BastionException>(() => vault.Get("tenant-a", "api-token")).Message.ShouldContain("failed its integrity check");
    }

    [Fact]
    public async Task AnAlteredCheckValue_IsReportedWhenTheVaultIsOpened()
    {
        await SeedAsync();
        var root = JsonNode.Parse(File.ReadAllText(_paths.VaultFile))!.AsObject();
        FlipBit(root["header"]!["check"]!.AsObject(), "ciphertext");
        File.WriteAllText(_paths.VaultFile, root.ToJsonString());
        Should.Throw<BastionException>(() => CredentialVault.Open(_paths, _key)).Message.ShouldContain("The vault key does not match this vault");
    }

    [Theory]
    [InlineData("{ not json", "it is not valid JSON")]
    [InlineData("", "it is not valid JSON")]
    [InlineData("[]", "it has no header.version, so it is not a Bastion vault")]
    [InlineData("""{"header":{"version":2},"entries":[]}""", "it is format version 2, and this Bastion reads version 1 only")]
    [InlineData("""{"header":{"version":"1"},"entries":[]}""", "it has no header.version")]
    public void ACorruptFile_IsRefused_NamingTheFile(string json, string expected)
    {
        File.WriteAllText(_paths.VaultFile, json);
        var message = Should.Throw<BastionException>(() => CredentialVault.Open(_paths, _key)).Message;
        message.ShouldStartWith($"The vault file {_paths.VaultFile} cannot be read: {expected}");
        message.ShouldContain("Nothing was changed");
        File.ReadAllText(_paths.VaultFile).ShouldBe(json);
    }

    [Theory]
    [InlineData("nonce", "AAAA", "entries[0].nonce is not the base64 of 12 bytes")]
    [InlineData("tag", "***", "entries[0].tag is not the base64 of 16 bytes")]
    [InlineData("tenant", "bad tenant", "entries[0].tenant 'bad tenant' is not a valid tenant")]
    [InlineData("name", "", "entries[0].name '' is not a valid name")]
    [InlineData("unexpected", "x", "unexpected")]
    public async Task AnInvalidEntry_IsRefused_SayingWhichAndWhy(string field, string value, string expected)
    {
        await SeedAsync();
        EditEntry("tenant-a", "api-token", e => e[field] = value);
        Should.Throw<BastionException>(() => CredentialVault.Open(_paths, _key)).Message.ShouldContain(expected);
    }

    [Fact]
    public async Task AFileDamagedWhileOpen_IsNeverOverwritten()
    {
        await SeedAsync();
        using var vault = CredentialVault.Open(_paths, _key);
        File.WriteAllText(_paths.VaultFile, "{ damaged");
        (await Should.ThrowAsync<BastionException>(vault.SetAsync("tenant-a", "new", "new-value", CancellationToken.None))).Message.ShouldContain("cannot be read");
        (await Should.ThrowAsync<BastionException>(vault.RemoveAsync("tenant-a", "api-token", CancellationToken.None))).Message.ShouldContain("cannot be read");
        (await Should.ThrowAsync<BastionException>(vault.RotateKeyAsync(VaultKeySource.FromKey(RandomNumberGenerator.GetBytes(32)), CancellationToken.None))).Message.ShouldContain("cannot be read");
        Should.Throw<BastionException>(() => vault.List()).Message.ShouldContain("cannot be read");
        File.ReadAllText(_paths.VaultFile).ShouldBe("{ damaged");
    }

    [Fact]
    public async Task ReadKeyKind_NeedsNoKey_AndRefusesACorruptFile()
    {
        CredentialVault.ReadKeyKind(_paths).ShouldBeNull();
        await SeedAsync();
        CredentialVault.ReadKeyKind(_paths).ShouldBe(VaultKeyKind.Key);
        File.WriteAllText(_paths.VaultFile, "{}");
        Should.Throw<BastionException>(() => CredentialVault.ReadKeyKind(_paths)).Message.ShouldContain("no header.version");
    }
}
