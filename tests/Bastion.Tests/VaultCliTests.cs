using System.Security.Cryptography;

namespace Bastion.Tests;

/// <summary><c>bastion vault …</c> run as processes, each test in a data directory of its own.</summary>
public sealed class VaultCliTests : IDisposable
{
    private const string Secret = "sk-live-7Hq2pX9vRt4mZ1wK";

    private readonly string _data = Directory.CreateTempSubdirectory("bastion-vault-cli-").FullName;

    public void Dispose() => Directory.Delete(_data, recursive: true);

    /// <summary>Runs bastion with no vault key or passphrase in its environment except those given.</summary>
    private Task<(int ExitCode, string Stdout, string Stderr)> Bastion(string? stdin, (string Name, string Value)[] environment, params string[] args)
    {
        var variables = new Dictionary<string, string?>
        {
            ["BASTION_VAULT_KEY"] = null,
            ["BASTION_VAULT_PASSPHRASE"] = null,
            ["BASTION_VAULT_NEW_PASSPHRASE"] = null,
        };
        foreach (var (name, value) in environment)
        {
            variables[name] = value;
        }

        return BastionProcess.RunInAsync(_data, stdin, variables, args);
    }

    private Task<(int ExitCode, string Stdout, string Stderr)> Bastion(params string[] args) => Bastion(null, [], args);

    /// <summary>Every file the data directory holds, as text, so a plain value can be looked for.</summary>
    private string EverythingOnDisk() =>
        string.Concat(Directory.EnumerateFiles(_data, "*", SearchOption.AllDirectories).Select(File.ReadAllText));

    [Fact]
    public async Task Set_ReadsTheValueFromStdin_AndListShowsTheNameButNeverTheValue()
    {
        var (code, stdout, stderr) = await Bastion(Secret + "\n", [], "vault", "set", "cloudways/api-key");
        code.ShouldBe(0, stderr);
        stdout.ShouldContain("Stored cloudways/api-key (tenant default)");
        (code, _, stderr) = await Bastion("tenant-secret-value\n", [], "vault", "set", "token", "--tenant", "acme");
        code.ShouldBe(0, stderr);

        (code, stdout, stderr) = await Bastion("vault", "list");
        code.ShouldBe(0, stderr);
        stdout.ShouldContain("cloudways/api-key");
        stdout.ShouldContain("default");
        stdout.ShouldNotContain("acme", Case.Sensitive, "an HTTP tenant's values live in its own vault (tenants/acme/vault.json)");
        stdout.ShouldNotContain(Secret);
        stdout.ShouldNotContain("tenant-secret-value");
        stderr.ShouldNotContain(Secret);

        (code, stdout, _) = await Bastion("vault", "list", "--tenant", "acme");
        code.ShouldBe(0);
        stdout.ShouldContain("token");
        stdout.ShouldContain("acme");
        stdout.ShouldNotContain("cloudways/api-key");
        File.Exists(Path.Combine(_data, "tenants", "acme", "vault.json")).ShouldBeTrue();

        File.Exists(Path.Combine(_data, "vault.key")).ShouldBeTrue();
        EverythingOnDisk().ShouldNotContain(Secret);
        EverythingOnDisk().ShouldNotContain("tenant-secret-value");
    }

    [Fact]
    public async Task Set_HasNoArgumentForTheValue_AndRefusesOneWithoutRepeatingIt()
    {
        var (code, stdout, stderr) = await Bastion(string.Empty, [], "vault", "set", "api-token", Secret);
        code.ShouldBe(1);
        stderr.ShouldContain("bastion vault set takes no value on the command line");
        stderr.ShouldContain("Nothing was stored");
        (stdout + stderr).ShouldNotContain(Secret);
        File.Exists(Path.Combine(_data, "vault.json")).ShouldBeFalse();

        (code, stdout, _) = await Bastion("vault", "set", "--help");
        code.ShouldBe(0);
        stdout.ShouldContain("bastion vault set <name> [options]");
        stdout.ShouldContain("There is no");
        stdout.ShouldContain("argument for the value");
        stdout.ShouldNotContain("<value>");
    }

    [Fact]
    public async Task AWrongKey_ExitsWithOne_SayingTheKeyDoesNotMatch()
    {
        var key = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));
        (await Bastion(Secret, [("BASTION_VAULT_KEY", key)], "vault", "set", "api-token")).ExitCode.ShouldBe(0);
        File.Exists(Path.Combine(_data, "vault.key")).ShouldBeFalse("an environment key creates no key file");

        var (code, stdout, stderr) = await Bastion(null, [("BASTION_VAULT_KEY", Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)))], "vault", "list");
        code.ShouldBe(1);
        stdout.ShouldBeEmpty();
        stderr.ShouldContain("The vault key does not match this vault (it was created with a key given in BASTION_VAULT_KEY");

        (code, _, stderr) = await Bastion(null, [("BASTION_VAULT_KEY", "c2hvcnQ=")], "vault", "list");
        code.ShouldBe(1);
        stderr.ShouldContain("BASTION_VAULT_KEY decodes to 5 bytes");

        (code, stdout, _) = await Bastion(null, [("BASTION_VAULT_KEY", key)], "vault", "list");
        code.ShouldBe(0);
        stdout.ShouldContain("api-token");
    }

    [Fact]
    public async Task RotateKey_ToAPassphrase_ThenOnlyThePassphraseOpensTheVault()
    {
        (await Bastion(Secret, [], "vault", "set", "api-token")).ExitCode.ShouldBe(0);
        var (code, stdout, stderr) = await Bastion(string.Empty, [("BASTION_VAULT_NEW_PASSPHRASE", "correct horse battery staple")], "vault", "rotate-key", "--to-passphrase");
        code.ShouldBe(0, stderr);
        stdout.ShouldContain("Re-encrypted 1 value(s) under the new passphrase");
        File.Exists(Path.Combine(_data, "vault.key")).ShouldBeFalse();
        File.Exists(Path.Combine(_data, "vault.key.bak")).ShouldBeTrue();

        (code, _, stderr) = await Bastion(string.Empty, [], "vault", "list");
        code.ShouldBe(1);
        stderr.ShouldContain("it was created with a passphrase: set BASTION_VAULT_PASSPHRASE to that passphrase");
        (code, _, stderr) = await Bastion(string.Empty, [("BASTION_VAULT_PASSPHRASE", "correct horse battery stapler")], "vault", "list");
        code.ShouldBe(1);
        stderr.ShouldContain("does not match this vault");
        (code, stdout, _) = await Bastion(string.Empty, [("BASTION_VAULT_PASSPHRASE", "correct horse battery staple")], "vault", "list");
        code.ShouldBe(0);
        stdout.ShouldContain("api-token");
        EverythingOnDisk().ShouldNotContain(Secret);
    }

    [Fact]
    public async Task Remove_DeletesTheName_AndSaysSoWhenThereIsNone()
    {
        (await Bastion(Secret, [], "vault", "set", "api-token")).ExitCode.ShouldBe(0);
        var (code, stdout, _) = await Bastion("vault", "remove", "api-token");
        code.ShouldBe(0);
        stdout.ShouldContain("Removed api-token (tenant default)");
        (code, _, var stderr) = await Bastion("vault", "remove", "api-token");
        code.ShouldBe(1);
        stderr.ShouldContain("No value named api-token is stored for tenant default");
        (await Bastion("vault", "list")).Stdout.ShouldContain("The vault is empty.");
    }

    [Fact]
    public async Task ALooseKeyFile_IsRefused_WithTheChmodToRun()
    {
        (await Bastion(Secret, [], "vault", "set", "api-token")).ExitCode.ShouldBe(0);
        var keyFile = Path.Combine(_data, "vault.key");
        File.SetUnixFileMode(keyFile, (UnixFileMode)Convert.ToInt32("644", 8));
        var (code, _, stderr) = await Bastion("vault", "list");
        code.ShouldBe(1);
        stderr.ShouldContain($"`chmod 600 {keyFile}`");
    }

    [Fact]
    public async Task VaultValues_AreRedactedFromToolResults()
    {
        (await Bastion(Secret, [], "vault", "set", "api-token")).ExitCode.ShouldBe(0);
        // Outside the data directory, which no tool reads.
        var outside = Directory.CreateTempSubdirectory("bastion-vault-probe-").FullName;
        var probe = Path.Combine(outside, "probe.txt");
        await File.WriteAllTextAsync(probe, $"token={Secret.Replace("sk-", "xx-", StringComparison.Ordinal)} and raw {Secret} here\n");

        var (code, stdout, stderr) = await Bastion("call", "files_read", $"path={probe}");
        Directory.Delete(outside, recursive: true);
        code.ShouldBe(0, stderr);
        stdout.ShouldContain("raw [REDACTED:known_secret] here");
        stdout.ShouldNotContain(Secret);
    }
}
