using System.Security.Cryptography;
using System.Text.Json.Nodes;
using Bastion.Core.Configuration;
using Bastion.Core.Secrets.Vault;

namespace Bastion.Core.Tests.Secrets.Vault;

/// <summary>Writes that are interrupted, backups, and key rotation.</summary>
public sealed class VaultDurabilityTests : IDisposable
{
    private const string NewPassphrase = "a long and new passphrase";

    private readonly string _dir = Directory.CreateTempSubdirectory("bastion-vault-durable-").FullName;
    private readonly BastionPaths _paths;

    public VaultDurabilityTests() => _paths = new BastionPaths(_dir);

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    /// <summary>A crash, as the test hook simulates it.</summary>
    private sealed class SimulatedCrashException : Exception;

    private static VaultKeySource RandomKey() => VaultKeySource.FromKey(RandomNumberGenerator.GetBytes(32));

    private async Task<CredentialVault> SeedAsync(VaultKeySource key)
    {
        var vault = CredentialVault.Open(_paths, key);
        await vault.SetAsync("default", "ssh:passphrase", "old-passphrase-value", CancellationToken.None);
        await vault.SetAsync("tenant-a", "api-token", "old-token-value", CancellationToken.None);
        return vault;
    }

    private string[] Temporaries() => Directory.GetFiles(_dir, ".*.tmp");

    /// <summary>Opens the vault file <paramref name="file"/> (e.g. a .bak) on its own, with <paramref name="key"/>.</summary>
    private CredentialVault OpenCopy(string file, Func<BastionPaths, VaultKeySource> key, string? keyFile = null)
    {
        var paths = new BastionPaths(Directory.CreateDirectory(Path.Combine(_dir, $"copy-{Guid.NewGuid():N}")).FullName);
        File.Copy(file, paths.VaultFile);
        if (keyFile is not null)
        {
            File.Copy(keyFile, paths.VaultKeyFile);
        }

        return CredentialVault.Open(paths, key(paths));
    }

    [Fact]
    public async Task AWriteInterruptedBeforeTheRename_LeavesTheOldFile_AndNoTemporaryFile()
    {
        var key = RandomKey();
        using var vault = await SeedAsync(key);
        var before = File.ReadAllText(_paths.VaultFile);
        string? seen = null;
        vault.BeforeReplace = (destination, _) =>
        {
            // The new content is complete on disk in a temporary file; vault.json is still the old one.
            seen = Temporaries().ShouldHaveSingleItem();
            File.ReadAllText(seen).ShouldContain("new-name");
            File.ReadAllText(_paths.VaultFile).ShouldBe(before);
            destination.ShouldBe(_paths.VaultFile);
            throw new SimulatedCrashException();
        };

        await Should.ThrowAsync<SimulatedCrashException>(vault.SetAsync("default", "new-name", "new-value", CancellationToken.None));

        seen.ShouldNotBeNull();
        Temporaries().ShouldBeEmpty();
        File.ReadAllText(_paths.VaultFile).ShouldBe(before);
        using var reopened = CredentialVault.Open(_paths, key);
        reopened.Get("default", "ssh:passphrase").ShouldBe("old-passphrase-value");
        reopened.Get("default", "new-name").ShouldBeNull();
    }

    [Fact]
    public async Task ATemporaryFileLeftByAKilledWriter_IsIgnored_AndRemovedByTheNextWrite()
    {
        var key = RandomKey();
        using var vault = await SeedAsync(key);
        var before = File.ReadAllText(_paths.VaultFile);
        vault.BeforeReplace = (_, _) =>
        {
            // What a writer killed at this point (SIGKILL: no clean-up) leaves behind: the complete temporary file.
            var temp = Temporaries().ShouldHaveSingleItem();
            File.Copy(temp, Path.Combine(_dir, $".vault.json.{Guid.NewGuid():N}.tmp"));
            throw new SimulatedCrashException();
        };
        await Should.ThrowAsync<SimulatedCrashException>(vault.SetAsync("default", "new-name", "new-value", CancellationToken.None));
        Temporaries().ShouldHaveSingleItem();

        using var reopened = CredentialVault.Open(_paths, key);
        File.ReadAllText(_paths.VaultFile).ShouldBe(before);
        reopened.Get("default", "new-name").ShouldBeNull();
        reopened.Get("tenant-a", "api-token").ShouldBe("old-token-value");

        await reopened.SetAsync("default", "later", "later-value", CancellationToken.None);
        Temporaries().ShouldBeEmpty();
    }

    [Fact]
    public async Task EveryWrite_KeepsThePreviousFileAsBak()
    {
        var key = RandomKey();
        using var vault = await SeedAsync(key);
        var previous = File.ReadAllText(_paths.VaultFile);
        await vault.SetAsync("default", "ssh:passphrase", "changed-value", CancellationToken.None);

        File.ReadAllText(_paths.VaultFile + ".bak").ShouldBe(previous);
        (File.GetUnixFileMode(_paths.VaultFile + ".bak") & (UnixFileMode)0x3F).ShouldBe(UnixFileMode.None);
        using var backup = OpenCopy(_paths.VaultFile + ".bak", _ => key);
        backup.Get("default", "ssh:passphrase").ShouldBe("old-passphrase-value");
        vault.Get("default", "ssh:passphrase").ShouldBe("changed-value");
    }

    [Fact]
    public async Task RotateKey_ToAPassphrase_ReencryptsEverything_AndTheOldKeyNoLongerOpens()
    {
        var oldKey = RandomKey();
        using (var vault = await SeedAsync(oldKey))
        {
            var created = vault.List().Select(i => i.Created).ToList();
            await vault.RotateKeyAsync(VaultKeySource.FromPassphrase(NewPassphrase), CancellationToken.None);
            vault.KeyKind.ShouldBe(VaultKeyKind.Passphrase);
            vault.Get("tenant-a", "api-token").ShouldBe("old-token-value");
            vault.List().Select(i => i.Created).ShouldBe(created);
        }

        using (var reopened = CredentialVault.Open(_paths, VaultKeySource.FromPassphrase(NewPassphrase)))
        {
            reopened.Get("default", "ssh:passphrase").ShouldBe("old-passphrase-value");
            reopened.Get("tenant-a", "api-token").ShouldBe("old-token-value");
        }

        Should.Throw<BastionException>(() => CredentialVault.Open(_paths, oldKey)).Message.ShouldContain("does not match this vault");
        using var backup = OpenCopy(_paths.VaultFile + ".bak", _ => oldKey);
        backup.KeyKind.ShouldBe(VaultKeyKind.Key);
        backup.Get("tenant-a", "api-token").ShouldBe("old-token-value");
    }

    [Fact]
    public async Task RotateKey_ToANewKeyFile_ReplacesTheKeyFile_AndKeepsTheOldOneForTheBak()
    {
        using (var vault = await SeedAsync(VaultKeySource.FromKeyFile(_paths)))
        {
            var oldKeyText = File.ReadAllText(_paths.VaultKeyFile);
            await vault.RotateKeyAsync(VaultKeySource.FromKeyFile(_paths), CancellationToken.None);

            File.ReadAllText(_paths.VaultKeyFile).ShouldNotBe(oldKeyText);
            File.ReadAllText(_paths.VaultKeyFile + ".bak").ShouldBe(oldKeyText);
            File.GetUnixFileMode(_paths.VaultKeyFile).ShouldBe(UnixFileMode.UserRead | UnixFileMode.UserWrite);
            File.GetUnixFileMode(_paths.VaultKeyFile + ".bak").ShouldBe(UnixFileMode.UserRead | UnixFileMode.UserWrite);
            File.Exists(_paths.VaultKeyFile + ".new").ShouldBeFalse();
            Should.Throw<BastionException>(() => CredentialVault.Open(_paths, VaultKeySource.FromBase64(oldKeyText))).Message.ShouldContain("does not match this vault");
        }

        using var reopened = CredentialVault.Open(_paths, VaultKeySource.FromKeyFile(_paths));
        reopened.Get("tenant-a", "api-token").ShouldBe("old-token-value");
        using var backup = OpenCopy(_paths.VaultFile + ".bak", VaultKeySource.FromKeyFile, _paths.VaultKeyFile + ".bak");
        backup.Get("default", "ssh:passphrase").ShouldBe("old-passphrase-value");
    }

    [Fact]
    public async Task RotateKey_AwayFromTheKeyFile_MovesItToBak()
    {
        using var vault = await SeedAsync(VaultKeySource.FromKeyFile(_paths));
        var oldKeyText = File.ReadAllText(_paths.VaultKeyFile);
        await vault.RotateKeyAsync(VaultKeySource.FromPassphrase(NewPassphrase), CancellationToken.None);
        File.Exists(_paths.VaultKeyFile).ShouldBeFalse();
        File.ReadAllText(_paths.VaultKeyFile + ".bak").ShouldBe(oldKeyText);
        Should.Throw<BastionException>(() => CredentialVault.Open(_paths, VaultKeySource.FromKeyFile(_paths)))
            .Message.ShouldContain("it was created with a passphrase: set BASTION_VAULT_PASSPHRASE");
    }

    [Fact]
    public async Task ARotationInterruptedAfterTheVaultWasWritten_OpensWithTheNewKey_AndTheNextWriteInstallsIt()
    {
        using (var vault = await SeedAsync(VaultKeySource.FromKeyFile(_paths)))
        {
            vault.BeforeReplace = (destination, _) => destination == _paths.VaultKeyFile ? throw new SimulatedCrashException() : Task.CompletedTask;
            await Should.ThrowAsync<SimulatedCrashException>(vault.RotateKeyAsync(VaultKeySource.FromKeyFile(_paths), CancellationToken.None));
        }

        var oldKeyText = File.ReadAllText(_paths.VaultKeyFile);
        var newKeyText = File.ReadAllText(_paths.VaultKeyFile + ".new");
        newKeyText.ShouldNotBe(oldKeyText);
        using var reopened = CredentialVault.Open(_paths, VaultKeySource.FromKeyFile(_paths));
        reopened.Get("tenant-a", "api-token").ShouldBe("old-token-value");

        await reopened.SetAsync("default", "after", "after-value", CancellationToken.None);
        File.ReadAllText(_paths.VaultKeyFile).ShouldBe(newKeyText);
        File.ReadAllText(_paths.VaultKeyFile + ".bak").ShouldBe(oldKeyText);
        File.Exists(_paths.VaultKeyFile + ".new").ShouldBeFalse();
        CredentialVault.Open(_paths, VaultKeySource.FromKeyFile(_paths)).Get("default", "after").ShouldBe("after-value");
    }

    [Fact]
    public async Task ARotationInterruptedBeforeTheVaultWasWritten_KeepsTheOldKey()
    {
        using (var vault = await SeedAsync(VaultKeySource.FromKeyFile(_paths)))
        {
            vault.BeforeReplace = (destination, _) => destination == _paths.VaultFile ? throw new SimulatedCrashException() : Task.CompletedTask;
            await Should.ThrowAsync<SimulatedCrashException>(vault.RotateKeyAsync(VaultKeySource.FromKeyFile(_paths), CancellationToken.None));
        }

        var oldKeyText = File.ReadAllText(_paths.VaultKeyFile);
        File.Exists(_paths.VaultKeyFile + ".new").ShouldBeTrue();
        using var reopened = CredentialVault.Open(_paths, VaultKeySource.FromKeyFile(_paths));
        reopened.Get("tenant-a", "api-token").ShouldBe("old-token-value");
        await reopened.SetAsync("default", "after", "after-value", CancellationToken.None);
        File.ReadAllText(_paths.VaultKeyFile).ShouldBe(oldKeyText);
        File.Exists(_paths.VaultKeyFile + ".new").ShouldBeFalse("a key the vault was never encrypted under is dropped");
    }

    [Fact]
    public async Task RotateKey_StopsBeforeChangingAnything_WhenAValueFailsItsIntegrityCheck()
    {
        var key = RandomKey();
        (await SeedAsync(key)).Dispose();
        var root = JsonNode.Parse(File.ReadAllText(_paths.VaultFile))!;
        var entry = root["entries"]![1]!;
        var ciphertext = Convert.FromBase64String((string)entry["ciphertext"]!);
        ciphertext[0] ^= 0x80;
        entry["ciphertext"] = Convert.ToBase64String(ciphertext);
        var tampered = root.ToJsonString();
        File.WriteAllText(_paths.VaultFile, tampered);

        using var vault = CredentialVault.Open(_paths, key);
        (await Should.ThrowAsync<BastionException>(vault.RotateKeyAsync(RandomKey(), CancellationToken.None))).Message.ShouldContain("failed its integrity check");
        File.ReadAllText(_paths.VaultFile).ShouldBe(tampered);
    }

    [Fact]
    public async Task AReaderDuringARotation_SeesTheOldOrTheNewVault_NeverAnError()
    {
        using var vault = await SeedAsync(RandomKey());
        var readBefore = string.Empty;
        var readAfter = string.Empty;
        vault.BeforeReplace = (destination, _) =>
        {
            // Before the rename: the old file, under the old key.
            readBefore = vault.Get("tenant-a", "api-token")!;
            vault.KeyKind.ShouldBe(VaultKeyKind.Key);

            // Right after it, before the writer has published its state: the new file, under the new key.
            File.Copy(Temporaries().ShouldHaveSingleItem(), destination, overwrite: true);
            readAfter = vault.Get("tenant-a", "api-token")!;
            vault.KeyKind.ShouldBe(VaultKeyKind.Passphrase);
            return Task.CompletedTask;
        };
        await vault.RotateKeyAsync(VaultKeySource.FromPassphrase(NewPassphrase), CancellationToken.None);

        readBefore.ShouldBe("old-token-value");
        readAfter.ShouldBe("old-token-value");
        vault.Get("tenant-a", "api-token").ShouldBe("old-token-value");
        vault.KeyKind.ShouldBe(VaultKeyKind.Passphrase);
    }
}
