using System.Text.Json;
using Bastion.Fakes.CloudStack;

namespace Bastion.Tests;

/// <summary><c>bastion cloudstack bootstrap</c> run as a process against the strict CloudStack fake, each test in a data directory of its own.</summary>
public sealed class CloudStackBootstrapCliTests : IAsyncLifetime
{
    private readonly string _data = Directory.CreateTempSubdirectory("bastion-cs-bootstrap-").FullName;
    private CloudStackFake _fake = null!;

    public async Task InitializeAsync() => _fake = await CloudStackFake.StartAsync();

    public async Task DisposeAsync()
    {
        await _fake.DisposeAsync();
        Directory.Delete(_data, recursive: true);
    }

    private Task<(int ExitCode, string Stdout, string Stderr)> Bastion(string? stdin, params string[] args) =>
        BastionProcess.RunInAsync(_data, stdin, new Dictionary<string, string?> { ["BASTION_VAULT_KEY"] = null, ["BASTION_VAULT_PASSPHRASE"] = null }, args);

    [Fact]
    public async Task Bootstrap_WithALogin_CreatesTheUserAndKeys_AndBastionThenSignsWithThem_Idempotently()
    {
        var (code, stdout, stderr) = await Bastion(_fake.Options.Password + "\n", "cloudstack", "bootstrap", "--account", FakeSeed.Account, "--url", _fake.Url.ToString(), "--username", _fake.Options.Username);
        code.ShouldBe(0, stderr);
        stdout.ShouldContain("CloudStack user bastion");
        stdout.ShouldContain("created; API keys generated; a call signed with them saw 2 zone(s)");
        var user = _fake.Cloud.Users.Single(u => u.Username == "bastion");
        (user.Account, user.RoleType).ShouldBe((FakeSeed.Account, "User"));
        user.ApiKey.ShouldNotBeNull();
        stdout.ShouldNotContain(user.SecretKey!);
        stdout.ShouldNotContain(_fake.Options.Password);
        string.Concat(Directory.EnumerateFiles(_data, "*", SearchOption.AllDirectories).Select(File.ReadAllText)).ShouldNotContain(_fake.Options.Password, Case.Sensitive, "the administrator's password is never stored");
        _fake.Count("createUser").ShouldBe(1);
        _fake.Count("registerUserKeys").ShouldBe(1);

        (code, stdout, stderr) = await Bastion(_fake.Options.Password + "\n", "cloudstack", "bootstrap", "--account", FakeSeed.Account, "--url", _fake.Url.ToString(), "--username", _fake.Options.Username);
        code.ShouldBe(0, stderr);
        stdout.ShouldContain("already there; API keys reused");
        _fake.Cloud.Users.Count(u => u.Username == "bastion").ShouldBe(1);
        _fake.Count("createUser").ShouldBe(1);
        _fake.Count("registerUserKeys").ShouldBe(1);

        var before = _fake.Requests.Count;
        (code, stdout, stderr) = await Bastion(null, "call", "cloudstack_list", "resource=zones");
        code.ShouldBe(0, stderr);
        JsonDocument.Parse(stdout).RootElement.GetProperty("total").GetInt32().ShouldBe(2);
        var calls = _fake.Requests.Skip(before).Where(r => r.Command == "listZones").ToList();
        calls.ShouldNotBeEmpty();
        calls.ShouldAllBe(r => r.Query.Contains("apiKey=" + Uri.EscapeDataString(user.ApiKey!), StringComparison.Ordinal), "Bastion signs with the service user's keys");
    }

    [Fact]
    public async Task Bootstrap_WithTheAdminsKeysInTheVault_ReplacesThemByTheServiceUsers()
    {
        (await Bastion(_fake.Url + "\n", "vault", "set", "cloudstack/url")).ExitCode.ShouldBe(0);
        (await Bastion(_fake.Options.ApiKey + "\n", "vault", "set", "cloudstack/api-key")).ExitCode.ShouldBe(0);
        (await Bastion(_fake.Options.SecretKey + "\n", "vault", "set", "cloudstack/secret-key")).ExitCode.ShouldBe(0);

        var (code, stdout, stderr) = await Bastion(null, "cloudstack", "bootstrap", "--account", FakeSeed.Account, "--user", "bastion-mcp");
        code.ShouldBe(0, stderr);
        stdout.ShouldContain("CloudStack user bastion-mcp");
        _fake.Count("login").ShouldBe(0, "the administrator's keys sign; nobody logs in");

        var before = _fake.Requests.Count;
        (code, _, stderr) = await Bastion(null, "call", "cloudstack_status");
        code.ShouldBe(0, stderr);
        var user = _fake.Cloud.Users.Single(u => u.Username == "bastion-mcp");
        _fake.Requests.Skip(before).ShouldAllBe(r => r.Query.Contains("apiKey=" + Uri.EscapeDataString(user.ApiKey!), StringComparison.Ordinal));
    }

    [Fact]
    public async Task Bootstrap_WithAWrongPassword_FailsQuotingCloudStack_AndStoresNothing()
    {
        var (code, stdout, stderr) = await Bastion("not-the-password\n", "cloudstack", "bootstrap", "--account", FakeSeed.Account, "--url", _fake.Url.ToString(), "--username", _fake.Options.Username);
        code.ShouldBe(1);
        stdout.ShouldBeEmpty();
        stderr.ShouldContain("errorcode 531");
        stderr.ShouldContain("Nothing was stored.");
        _fake.Cloud.Users.ShouldNotContain(u => u.Username == "bastion");
        (await Bastion(null, "vault", "list")).Stdout.ShouldNotContain("cloudstack/api-key");

        (code, _, stderr) = await Bastion(null, "cloudstack", "bootstrap", "--account", FakeSeed.Account, "--url", _fake.Url.ToString());
        code.ShouldBe(1);
        stderr.ShouldContain("Give --username");
    }
}
