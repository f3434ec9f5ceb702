using System.Security.Cryptography;
using Bastion.Core.Configuration;
using Bastion.Core.Secrets.Vault;

namespace Bastion.Core.Tests.Secrets.Vault;

public sealed class VaultKeyTests : IDisposable
{
    private const string Passphrase = "correct horse battery staple";

    private readonly string _dir = Directory.CreateTempSubdirectory("bastion-vault-key-").FullName;
    private readonly BastionPaths _paths;

    public VaultKeyTests() => _paths = new BastionPaths(_dir);

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private async Task CreateAsync(VaultKeySource key)
    {
        using var vault = CredentialVault.Open(_paths, key);
        await vault.SetAsync("default", "token", "secret-value", CancellationToken.None);
    }

    [Fact]
    public async Task AKeyOfAnotherVault_IsReportedAsAMismatch_SayingHowToSupplyTheRightOne()
    {
        await CreateAsync(VaultKeySource.FromKey(RandomNumberGenerator.GetBytes(32), VaultKeySource.KeyVariable));
        var message = Should.Throw<BastionException>(() => CredentialVault.Open(_paths, VaultKeySource.FromBase64(Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)))))
            .Message;
        message.ShouldStartWith("The vault key does not match this vault (it was created with a key given in BASTION_VAULT_KEY: set BASTION_VAULT_KEY to that key");
        message.ShouldContain($"Vault: {_paths.VaultFile}; key tried: BASTION_VAULT_KEY.");
    }

    [Fact]
    public async Task AWrongPassphrase_IsReportedAsAMismatch_AndTheRightOneOpens()
    {
        await CreateAsync(VaultKeySource.FromPassphrase(Passphrase));
        File.ReadAllText(_paths.VaultFile).ShouldContain("\"iterations\": 600000");
        Should.Throw<BastionException>(() => CredentialVault.Open(_paths, VaultKeySource.FromPassphrase("correct horse battery stapler", VaultKeySource.PassphraseVariable)))
            .Message.ShouldContain("The vault key does not match this vault (it was created with a passphrase: set BASTION_VAULT_PASSPHRASE to that passphrase)");
        Should.Throw<BastionException>(() => CredentialVault.Open(_paths, VaultKeySource.FromKey(RandomNumberGenerator.GetBytes(32))))
            .Message.ShouldContain("set BASTION_VAULT_PASSPHRASE to that passphrase and unset BASTION_VAULT_KEY");

        using var vault = CredentialVault.Open(_paths, VaultKeySource.FromPassphrase(Passphrase));
        vault.KeyKind.ShouldBe(VaultKeyKind.Passphrase);
        vault.Get("default", "token").ShouldBe("secret-value");
    }

    [Fact]
    public async Task AKeyFileVault_OpenedWithAnotherKey_SaysToLetTheKeyFileBeUsed()
    {
        await CreateAsync(VaultKeySource.FromKeyFile(_paths));
        Should.Throw<BastionException>(() => CredentialVault.Open(_paths, VaultKeySource.FromPassphrase(Passphrase, VaultKeySource.PassphraseVariable)))
            .Message.ShouldContain($"it was created with the key file {_paths.VaultKeyFile}: unset BASTION_VAULT_KEY and BASTION_VAULT_PASSPHRASE so that the key file is used");

        // The same key exported into the environment opens it: the check value decides, not the recorded kind.
        var exported = VaultKeySource.FromBase64(File.ReadAllText(_paths.VaultKeyFile));
        CredentialVault.Open(_paths, exported).Get("default", "token").ShouldBe("secret-value");
    }

    [Fact]
    public async Task TheKeyFile_IsCreatedOnFirstUse_Private_AndHoldsA32ByteKey()
    {
        using (var vault = CredentialVault.Open(_paths, VaultKeySource.FromKeyFile(_paths)))
        {
            File.Exists(_paths.VaultKeyFile).ShouldBeFalse("nothing is created before the first value");
            await vault.SetAsync("default", "token", "secret-value", CancellationToken.None);
        }

        File.GetUnixFileMode(_paths.VaultKeyFile).ShouldBe(UnixFileMode.UserRead | UnixFileMode.UserWrite);
        Convert.FromBase64String(File.ReadAllText(_paths.VaultKeyFile).Trim()).Length.ShouldBe(32);
        CredentialVault.ReadKeyKind(_paths).ShouldBe(VaultKeyKind.KeyFile);
        CredentialVault.Open(_paths, VaultKeySource.FromKeyFile(_paths)).Get("default", "token").ShouldBe("secret-value");
    }

    [Theory]
    [InlineData(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead, "0644")]
    [InlineData(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead, "0640")]
    [InlineData(UnixFileMode.UserRead | UnixFileMode.OtherWrite, "0402")]
    public async Task AKeyFileOthersCanReach_IsRefused_SayingHowToFixIt(UnixFileMode mode, string shown)
    {
        await CreateAsync(VaultKeySource.FromKeyFile(_paths));
        File.SetUnixFileMode(_paths.VaultKeyFile, mode);
        var message = Should.Throw<BastionException>(() => CredentialVault.Open(_paths, VaultKeySource.FromKeyFile(_paths))).Message;
        message.ShouldContain($"is accessible to other users (mode {shown})");
        message.ShouldContain($"`chmod 600 {_paths.VaultKeyFile}`");

        File.SetUnixFileMode(_paths.VaultKeyFile, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        CredentialVault.Open(_paths, VaultKeySource.FromKeyFile(_paths)).Get("default", "token").ShouldBe("secret-value");
    }

    [Fact]
    public async Task AnExistingLooseKeyFile_IsRefused_EvenForANewVault()
    {
        File.WriteAllText(_paths.VaultKeyFile, Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)));
        File.SetUnixFileMode(_paths.VaultKeyFile, (UnixFileMode)Convert.ToInt32("644", 8));
        using var vault = CredentialVault.Open(_paths, VaultKeySource.FromKeyFile(_paths));
        (await Should.ThrowAsync<BastionException>(vault.SetAsync("default", "token", "secret-value", CancellationToken.None))).Message.ShouldContain("chmod 600");
        File.Exists(_paths.VaultFile).ShouldBeFalse();
    }

    [Fact]
    public async Task AMissingKeyFile_IsReported_NotReplacedByANewOne()
    {
        await CreateAsync(VaultKeySource.FromKeyFile(_paths));
        File.Delete(_paths.VaultKeyFile);
        Should.Throw<BastionException>(() => CredentialVault.Open(_paths, VaultKeySource.FromKeyFile(_paths)))
            .Message.ShouldContain($"it was created with the key file {_paths.VaultKeyFile}, which is missing: restore it from your backup");
        File.Exists(_paths.VaultKeyFile).ShouldBeFalse();
    }

    [Fact]
    public async Task AKeyFileWithoutAKey_IsReported()
    {
        File.WriteAllText(_paths.VaultKeyFile, "not a key");
        File.SetUnixFileMode(_paths.VaultKeyFile, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        using var vault = CredentialVault.Open(_paths, VaultKeySource.FromKeyFile(_paths));
        (await Should.ThrowAsync<BastionException>(vault.SetAsync("default", "n", "value", CancellationToken.None))).Message.ShouldContain("does not hold a vault key (the base64 of 32 bytes)");
    }

    [Theory]
    [InlineData("c2hvcnQ=", "decodes to 5 bytes; a vault key is the base64 of exactly 32 bytes")]
    [InlineData("not base64 at all!", "is not base64")]
    public void FromBase64_RejectsAnythingButThirtyTwoBytes(string text, string expected) =>
        Should.Throw<BastionException>(() => VaultKeySource.FromBase64(text)).Message.ShouldContain("BASTION_VAULT_KEY " + expected);

    [Fact]
    public void FromKey_RejectsAWrongLength_AndFromPassphrase_AnEmptyOne()
    {
        Should.Throw<BastionException>(() => VaultKeySource.FromKey(new byte[16])).Message.ShouldContain("A vault key is 32 bytes");
        Should.Throw<BastionException>(() => VaultKeySource.FromPassphrase(string.Empty)).Message.ShouldContain("is empty");
    }

    [Fact]
    public async Task ANewVault_RefusesAShortPassphrase()
    {
        using var vault = CredentialVault.Open(_paths, VaultKeySource.FromPassphrase("short"));
        (await Should.ThrowAsync<BastionException>(vault.SetAsync("default", "n", "value", CancellationToken.None))).Message.ShouldContain("at least 12 characters");
        File.Exists(_paths.VaultFile).ShouldBeFalse();
    }
}
