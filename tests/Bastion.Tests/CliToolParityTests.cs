using System.Text.Json;
using Bastion.Fakes.CloudStack;
using Bastion.Testing;

namespace Bastion.Tests;

/// <summary>
/// The command line and the MCP tools use the same Core services: <c>bastion hosts list</c> shows the merged inventory
/// <c>hosts_list</c> answers with (inventory file + hosting platforms), and <c>bastion doctor</c> makes the host check
/// <c>bastion hosts test</c> makes. Real sshd processes on 127.0.0.211 and up, a CloudStack fake on loopback.
/// </summary>
public sealed class CliToolParityTests : IAsyncLifetime
{
    private readonly LoopbackFleet _fleet = new(addressBase: 210);
    private readonly string _data = Directory.CreateTempSubdirectory("bastion-parity-cli-").FullName;

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        await _fleet.StopAsync(new Core.Configuration.BastionPaths(_data).ControlDirectory);
        Directory.Delete(_data, recursive: true);
    }

    private Task<(int ExitCode, string Stdout, string Stderr)> Bastion(params string[] args) => BastionProcess.RunInAsync(_data, args);

    private async Task VaultSetAsync(string name, string value)
    {
        var (code, _, stderr) = await BastionProcess.RunInAsync(_data, value + "\n", new Dictionary<string, string?>(), "vault", "set", name);
        code.ShouldBe(0, stderr);
    }

    /// <summary>The cells of each row of a table Spectre drew, a wrapped cell's lines joined by spaces.</summary>
    private static List<string[]> Rows(string table)
    {
        var rows = new List<string[]>();
        foreach (var line in table.Split('\n').Where(l => l.StartsWith('│')))
        {
            var cells = line.Trim().Trim('│').Split('│').Select(c => c.Trim()).ToArray();
            if (cells[0].Length == 0 && rows.Count > 0)
            {
                rows[^1] = [.. rows[^1].Zip(cells, (a, b) => b.Length == 0 ? a : $"{a} {b}".Trim())];
            }
            else
            {
                rows.Add(cells);
            }
        }

        return rows.Skip(1).ToList();
    }

    [Fact]
    public async Task HostsList_ShowsTheHostsOfHostsListTool_InventoryFileAndPlatformsMerged()
    {
        await using var cloud = await CloudStackFake.StartAsync();
        await VaultSetAsync("cloudstack/url", cloud.Url.ToString());
        await VaultSetAsync("cloudstack/api-key", cloud.Options.ApiKey);
        await VaultSetAsync("cloudstack/secret-key", cloud.Options.SecretKey);
        // web-01 is also a CloudStack VM's name: the inventory file's entry wins, in both.
        (await Bastion("hosts", "add", "web-01", "--address", "127.0.0.9", "--group", "web", "--no-test")).ExitCode.ShouldBe(0);

        var (code, stdout, stderr) = await Bastion("call", "hosts_list", "limit=1000");
        code.ShouldBe(0, stderr);
        var tool = JsonDocument.Parse(stdout).RootElement.GetProperty("hosts").EnumerateArray()
            .Select(h => (Name: h.GetProperty("name").GetString()!, Address: h.GetProperty("address").GetString()!)).ToList();
        (code, stdout, stderr) = await Bastion("hosts", "list");
        code.ShouldBe(0, stderr);
        var cli = Rows(stdout).Select(r => (Name: r[0], Address: r[1])).ToList();

        cli.ShouldBe(tool);
        cli.Select(h => h.Name).ShouldContain("local");
        cli.ShouldContain(("web-01", "127.0.0.9"));
        cli.Select(h => h.Name).ShouldContain("db-01");
        cli.Count(h => h.Name == "web-01").ShouldBe(1);
    }

    [Fact]
    public async Task HostsList_WithATenant_ShowsThatTenantsInventory_WithoutLocal()
    {
        (await Bastion("hosts", "--tenant", "acme", "add", "acme-01", "--address", "127.0.0.9", "--no-test")).ExitCode.ShouldBe(0);

        var (code, stdout, stderr) = await Bastion("hosts", "--tenant", "acme", "list");
        code.ShouldBe(0, stderr);
        Rows(stdout).Select(r => r[0]).ShouldBe(["acme-01"]);
        (code, stdout, stderr) = await Bastion("hosts", "list");
        code.ShouldBe(0, stderr);
        Rows(stdout).Select(r => r[0]).ShouldBe(["local"]);
    }

    [Fact]
    public async Task Doctor_ChecksEachSshHostAsHostsTestDoes_WithoutRecordingAHostKey()
    {
        await _fleet.StartAsync(3);
        string[] ssh = ["--user", "fleet1", "--identity", _fleet.KeyFile, "--ssh-config", "/dev/null"];
        (await Bastion(["hosts", "add", "host01", "--address", _fleet.Address(1), .. ssh])).ExitCode.ShouldBe(0);
        (await Bastion(["hosts", "add", "host02", "--address", _fleet.Address(2), "--no-test", .. ssh])).ExitCode.ShouldBe(0);
        (await Bastion(["hosts", "add", "host03", "--address", _fleet.Address(3), "--no-test", .. ssh])).ExitCode.ShouldBe(0);
        await _fleet.HaltAsync(3);
        var knownHosts = Path.Combine(_data, "known_hosts");
        var recorded = await File.ReadAllTextAsync(knownHosts);

        var (code, stdout, _) = await Bastion("doctor", "--ssh-config", "/dev/null");
        code.ShouldBe(1, stdout);
        var doctor = Rows(stdout).Where(r => r[0].StartsWith("host ", StringComparison.Ordinal)).ToDictionary(r => r[0]["host ".Length..]);
        (await File.ReadAllTextAsync(knownHosts)).ShouldBe(recorded, "doctor records no host key");

        doctor["host01"][1].ShouldBe("ok");
        doctor["host01"][2].ShouldContain("hostname host01");
        doctor["host02"][1].ShouldBe("fail");
        doctor["host02"][2].ShouldContain("not yet known");
        doctor["host02"][3].ShouldContain("bastion hosts test host02");
        doctor["host03"][1].ShouldBe("fail");
        doctor["host03"][2].ShouldContain("Connection refused");

        // hosts test makes the same check: the same verdicts and the same reasons; it records host02's key, doctor did not.
        (code, stdout, _) = await Bastion("hosts", "test", "host01,host03", "--ssh-config", "/dev/null");
        code.ShouldBe(1);
        var test = Rows(stdout).ToDictionary(r => r[0]);
        test["host01"][1].ShouldBe("ok");
        test["host01"][3].ShouldBe("host01");
        test["host03"][1].ShouldBe("failed");
        test["host03"][4].ShouldBe(doctor["host03"][2]);
        (code, _, _) = await Bastion("hosts", "test", "host02", "--ssh-config", "/dev/null");
        code.ShouldBe(0);
        (await File.ReadAllTextAsync(knownHosts)).ShouldNotBe(recorded);
    }
}
