using System.Text.Json;
using Bastion.Testing;

namespace Bastion.Tests;

/// <summary><c>bastion hosts …</c> against real sshd processes on 127.0.0.102 and up, in a data directory of its own.</summary>
public sealed class HostsCliTests : IAsyncLifetime
{
    private readonly LoopbackFleet _fleet = new(addressBase: 100);
    private readonly string _data = Directory.CreateTempSubdirectory("bastion-hosts-cli-").FullName;

    public Task InitializeAsync() => _fleet.StartAsync(3);

    public async Task DisposeAsync()
    {
        await _fleet.StopAsync(new Core.Configuration.BastionPaths(_data).ControlDirectory);
        Directory.Delete(_data, recursive: true);
    }

    private Task<(int ExitCode, string Stdout, string Stderr)> Bastion(params string[] args) => BastionProcess.RunInAsync(_data, args);

    private Task<(int ExitCode, string Stdout, string Stderr)> Add(int i, params string[] more) =>
        Bastion(["hosts", "add", $"host{i:00}", "--address", _fleet.Address(i), "--user", "fleet1", "--identity", _fleet.KeyFile, "--ssh-config", "/dev/null", .. more]);

    [Fact]
    public async Task Add_ConnectsOnce_ShowsAndRecordsTheHostKey_ThenToolsReachTheHost()
    {
        var (code, stdout, stderr) = await Add(1, "--group", "web", "--label", "env=test");
        code.ShouldBe(0, stderr);
        stdout.ShouldContain($"Added host01 ({_fleet.Address(1)})");
        stdout.ShouldContain("ok");
        stdout.ShouldContain("ED25519 SHA256:");
        File.ReadAllText(Path.Combine(_data, "known_hosts")).ShouldNotBeEmpty();
        var inventory = File.ReadAllText(Path.Combine(_data, "inventory.yaml"));
        inventory.ShouldContain("name: host01");
        inventory.ShouldContain("- web");
        inventory.ShouldContain("env: test");

        (code, stdout, stderr) = await Bastion("call", "hosts_describe", "target=@web", "--ssh-config", "/dev/null");
        code.ShouldBe(0, stderr);
        var outcome = JsonDocument.Parse(stdout).RootElement.GetProperty("hosts")[0];
        outcome.GetProperty("status").GetString().ShouldBe("ok");
        outcome.GetProperty("result").GetProperty("hostname").GetString().ShouldBe("host01");
    }

    [Fact]
    public async Task Add_RefusesDuplicatesAndBadNames_WithAClearMessage()
    {
        (await Add(2, "--no-test")).ExitCode.ShouldBe(0);
        var (code, _, stderr) = await Add(2, "--no-test");
        code.ShouldBe(1);
        stderr.ShouldContain("A host named 'host02' is already in the inventory");

        (code, _, stderr) = await Bastion("hosts", "add", "web 01", "--address", "10.0.0.1", "--no-test");
        code.ShouldBe(1);
        stderr.ShouldContain("name 'web 01' is invalid");
        (code, _, stderr) = await Bastion("hosts", "add", "all", "--address", "10.0.0.1", "--no-test");
        code.ShouldBe(1);
        stderr.ShouldContain("not local or all");
        (code, _, stderr) = await Bastion("hosts", "add", "db", "--address", "10.0.0.1", "--port", "70000", "--no-test");
        code.ShouldBe(1);
        stderr.ShouldContain("port 70000 is invalid: use a whole number from 1 to 65535");
    }

    [Fact]
    public async Task Test_ReportsAnUnreachableHost_AndExitsWithOne()
    {
        (await Add(3, "--no-test")).ExitCode.ShouldBe(0);
        await _fleet.HaltAsync(3);
        var (code, stdout, _) = await Bastion("hosts", "test", "host03", "--ssh-config", "/dev/null");
        code.ShouldBe(1);
        stdout.ShouldContain("failed");
        stdout.ShouldContain("Connection refused");
    }

    [Fact]
    public async Task RemoveAndForgetKey_EditTheInventoryAndKnownHosts()
    {
        (await Add(1)).ExitCode.ShouldBe(0);
        var (code, stdout, _) = await Bastion("hosts", "forget-key", "host01", "--ssh-config", "/dev/null");
        code.ShouldBe(0);
        stdout.ShouldContain("Forgot the host key of host01");
        (code, stdout, _) = await Bastion("hosts", "show", "host01");
        stdout.ShouldContain("none recorded");
        (code, _, _) = await Bastion("hosts", "remove", "host01");
        code.ShouldBe(0);
        File.ReadAllText(Path.Combine(_data, "inventory.yaml")).ShouldNotContain("host01");
        (code, _, var stderr) = await Bastion("hosts", "remove", "host01");
        code.ShouldBe(1);
        stderr.ShouldContain("Unknown host 'host01'");
    }

    [Fact]
    public async Task Import_ReadsAnAnsibleInventory_AndASshConfig()
    {
        var ansible = Path.Combine(_data, "hosts.ini");
        await File.WriteAllTextAsync(ansible, "[web]\nweb[01:03] ansible_host=10.0.0.5 ansible_user=deploy\n\n[prod:children]\nweb\n");
        var (code, stdout, stderr) = await Bastion("hosts", "import", "--ansible", ansible);
        code.ShouldBe(0, stderr);
        stdout.ShouldContain("added: web01 (deploy@10.0.0.5) groups: prod, web");
        stdout.ShouldContain("3 host(s) imported");

        var sshConfig = Path.Combine(_data, "ssh_config");
        await File.WriteAllTextAsync(sshConfig, "Host *\n  User nobody\nHost web01 db1\n  HostName db.internal\n  Port 2222\n");
        (code, stdout, _) = await Bastion("hosts", "import", "--ssh-config", sshConfig);
        code.ShouldBe(0);
        stdout.ShouldContain("skipped: Host pattern '*'");
        stdout.ShouldContain("skipped: 'web01' is already in the inventory.");
        stdout.ShouldContain("added: db1 (db.internal:2222)");

        (code, stdout, _) = await Bastion("hosts", "list", "@prod");
        stdout.ShouldContain("web03");
        stdout.ShouldNotContain("db1");
    }
}
