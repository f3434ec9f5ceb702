using System.Text.Json;
using Bastion.Testing;

namespace Bastion.Tests;

/// <summary>
/// Option- and shell-shaped inventory values are refused at every way in (hosts add, both importers, a hand-edited
/// inventory.yaml), and one bad entry on disk disables only itself: the built bastion, a real sshd on 127.0.0.162.
/// </summary>
public sealed class InventoryValidationCliTests : IAsyncLifetime
{
    private const string Marker = "/tmp/bastion-inventory-validation-pwned";

    private readonly LoopbackFleet _fleet = new(addressBase: 160);
    private readonly string _data = Directory.CreateTempSubdirectory("bastion-inventory-validation-").FullName;

    public Task InitializeAsync() => _fleet.StartAsync(1);

    public async Task DisposeAsync()
    {
        await _fleet.StopAsync(new Core.Configuration.BastionPaths(_data).ControlDirectory);
        Directory.Delete(_data, recursive: true);
    }

    private Task<(int ExitCode, string Stdout, string Stderr)> Bastion(params string[] args) => BastionProcess.RunInAsync(_data, args);

    private string Inventory => Path.Combine(_data, "inventory.yaml");

    public static TheoryData<string[], string> BadAdds => new()
    {
        { ["--address", $"-oProxyCommand=touch {Marker}"], "address '-oProxyCommand=touch " },
        { ["--address", $"localhost$(touch {Marker})"], "address 'localhost$(touch " },
        { ["--address", "127.0.0.1", "--user", $"$(touch {Marker})"], "user '$(touch " },
        { ["--address", "127.0.0.1", "--user", "-oProxyCommand=x"], "user '-oProxyCommand=x' is invalid: use a POSIX portable user name" },
        { ["--address", "127.0.0.1", "--jump", $"-oProxyCommand=touch {Marker}"], "jump '-oProxyCommand=touch " },
        { ["--address", "127.0.0.1", "--identity", "-oProxyCommand=x"], "identity_file '-oProxyCommand=x' is invalid" },
    };

    [Theory]
    [MemberData(nameof(BadAdds))]
    public async Task HostsAdd_RefusesOptionAndShellShapedValues_SayingWhichFieldAndWhatIsAccepted(string[] values, string expected)
    {
        var (code, _, stderr) = await Bastion(["hosts", "add", "evil", .. values, "--ssh-config", "/dev/null"]);
        code.ShouldBe(1);
        stderr.ShouldContain("host 'evil' was refused");
        stderr.ShouldContain(expected);
        File.Exists(Inventory).ShouldBeFalse();
        File.Exists(Marker).ShouldBeFalse();
    }

    [Fact]
    public async Task HostsImport_SkipsOptionAndShellShapedEntries_FromBothFormats_AndImportsTheRest()
    {
        var ansible = Path.Combine(_data, "hosts.ini");
        File.WriteAllText(ansible, $"[web]\nevil1 ansible_host=-oProxyCommand=sh\nevil2 ansible_host='localhost$(id)'\nevil3 ansible_host=10.0.0.1 ansible_user='$(id)'\ngood1 ansible_host=10.0.0.5\n");
        var (code, stdout, stderr) = await Bastion("hosts", "import", "--ansible", ansible);
        code.ShouldBe(0, stderr);
        stdout.ShouldContain("skipped: Host 'evil1' skipped: address '-oProxyCommand=sh' is invalid: it starts with '-'");
        stdout.ShouldContain("skipped: Host 'evil2' skipped: address 'localhost$(id)' is invalid");
        stdout.ShouldContain("skipped: Host 'evil3' skipped: user '$(id)' is invalid");
        stdout.ShouldContain("added: good1");

        var sshConfig = Path.Combine(_data, "ssh_config");
        File.WriteAllText(sshConfig, "Host evil4\n  HostName -oProxyCommand=sh\nHost evil5\n  User $(id)\n  HostName 10.0.0.2\nHost good2\n  HostName 10.0.0.6\n");
        (code, stdout, stderr) = await Bastion("hosts", "import", "--ssh-config", sshConfig);
        code.ShouldBe(0, stderr);
        stdout.ShouldContain("skipped: Host 'evil4' skipped: address '-oProxyCommand=sh' is invalid");
        stdout.ShouldContain("skipped: Host 'evil5' skipped: user '$(id)' is invalid");
        stdout.ShouldContain("added: good2");

        var text = File.ReadAllText(Inventory);
        text.ShouldContain("name: good1");
        text.ShouldContain("name: good2");
        text.ShouldNotContain("evil");
    }

    [Fact]
    public async Task HandEditedInventory_WithOneBadEntry_SkipsOnlyIt_AndToolsWorkOnTheGoodHost()
    {
        File.WriteAllText(Inventory, $"""
            hosts:
            - name: evil
              address: -oProxyCommand=touch {Marker}
            - name: host01
              address: {_fleet.Address(1)}
              user: fleet1
              identity_file: {_fleet.KeyFile}
            - name: evil-user
              address: {_fleet.Address(1)}
              user: $(touch {Marker})
            """);

        var (code, stdout, stderr) = await Bastion("hosts", "list");
        code.ShouldBe(0, stderr);
        stdout.ShouldContain("host01");
        stdout.ShouldContain($"invalid: {Inventory}, host #1 (line 2) 'evil' is skipped: address '-oProxyCommand=touch {Marker}' is invalid: it starts with '-'");
        stdout.ShouldContain("'evil-user' is skipped: user '$(touch");

        (code, stdout, stderr) = await Bastion("hosts", "test", "host01", "--ssh-config", "/dev/null");
        code.ShouldBe(0, stdout + stderr);

        (code, stdout, stderr) = await Bastion("call", "hosts_describe", "target=host01", "--ssh-config", "/dev/null");
        code.ShouldBe(0, stderr);
        var outcome = JsonDocument.Parse(stdout).RootElement.GetProperty("hosts")[0];
        outcome.GetProperty("status").GetString().ShouldBe("ok");
        outcome.GetProperty("result").GetProperty("hostname").GetString().ShouldBe("host01");

        (code, stdout, _) = await Bastion("call", "hosts_list");
        code.ShouldBe(0);
        stdout.ShouldContain("'evil' is skipped");

        (code, stdout, _) = await Bastion("doctor", "--no-hosts");
        code.ShouldBe(1);
        stdout.ShouldContain("invalid");
        File.Exists(Marker).ShouldBeFalse();
    }
}
