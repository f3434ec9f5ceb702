using System.Security.Cryptography;
using System.Text.Json;
using Bastion.Core.FanOut;
using Bastion.Mcp;
using Bastion.Testing;
using Microsoft.Extensions.DependencyInjection;
using ModelContextProtocol.Client;
using ModelContextProtocol.Protocol;

namespace Bastion.Ssh.Tests;

/// <summary>The MCP tools on the loopback fleet, through a real MCP client: fan-out, per-host outcomes, commands, files.</summary>
[Collection("fleet")]
public sealed class FleetToolsTests(SshFleet fleet) : IAsyncLifetime
{
    private ServiceProvider _services = null!;
    private InProcessSession _session = null!;

    // Operator mode; shell lines allowed on the fleet; a user who approves every confirmation (elicitation).
    public async Task InitializeAsync()
    {
        var policy = Path.Combine(fleet.Paths.DataDirectory, "tools-policy.yaml");
        await File.WriteAllTextAsync(policy, "rules:\n  - groups: [fleet]\n    shell: true\n");
        var options = new BastionOptions { Paths = fleet.Paths, Mode = Core.Policy.Mode.Operator, PolicyFile = policy, FanOut = new FanOutOptions { MaxHosts = 50 } };
        _services = new ServiceCollection().AddBastion(options).AddSsh(fleet.Options).BuildServiceProvider();
        var approveAll = ApprovingClient.Options();
        _session = await InProcessSession.StartAsync(_services, CancellationToken.None, approveAll);
    }

    public async Task DisposeAsync()
    {
        await _session.DisposeAsync();
        await _services.DisposeAsync();
    }

    private async Task<JsonElement> CallAsync(string tool, Dictionary<string, object?> args)
    {
        var result = await _session.Client.CallToolAsync(tool, args);
        result.IsError.ShouldNotBe(true, string.Join('\n', result.Content.OfType<TextContentBlock>().Select(c => c.Text)));
        return result.StructuredContent!.Value;
    }

    private async Task<string> ErrorAsync(string tool, Dictionary<string, object?> args)
    {
        var result = await _session.Client.CallToolAsync(tool, args);
        result.IsError.ShouldBe(true);
        return result.Content.OfType<TextContentBlock>().Single().Text;
    }

    private static Dictionary<string, JsonElement> ByHost(JsonElement fanOut) =>
        fanOut.GetProperty("hosts").EnumerateArray().ToDictionary(h => h.GetProperty("host").GetString()!);

    [Fact]
    public async Task CommandsRun_OnTheGroup_AnswersPerHost_WithTheStoppedHostUnreachable()
    {
        var result = await CallAsync("commands_run", new() { ["target"] = "@fleet", ["command"] = "hostname; uptime" });
        var summary = result.GetProperty("summary");
        summary.GetProperty("targets").GetInt32().ShouldBe(11);
        summary.GetProperty("ok").GetInt32().ShouldBe(10);
        summary.GetProperty("unreachable").GetInt32().ShouldBe(1);
        summary.GetProperty("slowest").GetArrayLength().ShouldBe(3);
        var hosts = ByHost(result);
        foreach (var i in Enumerable.Range(1, SshFleet.Reachable))
        {
            var output = hosts[$"host{i:00}"].GetProperty("result");
            output.GetProperty("exit_code").GetInt32().ShouldBe(0);
            output.GetProperty("stdout").GetString()!.ShouldStartWith($"host{i:00}\n");
            output.GetProperty("stdout").GetString()!.ShouldContain("load average");
        }

        var stopped = hosts["host11"];
        stopped.GetProperty("status").GetString().ShouldBe("unreachable");
        stopped.GetProperty("error").GetString()!.ShouldContain("Connection refused");
    }

    [Fact]
    public async Task CommandsRun_OnAll_IncludesTheLocalHost()
    {
        var result = await CallAsync("commands_run", new() { ["target"] = "all", ["argv"] = new[] { "uname", "-n" } });
        result.GetProperty("summary").GetProperty("ok").GetInt32().ShouldBe(11);
        ByHost(result)["local"].GetProperty("status").GetString().ShouldBe("ok");
    }

    [Fact]
    public async Task CommandsRun_ReportsAHangingHost_AsTimedOut_WithoutHoldingTheOthers()
    {
        var result = await CallAsync("commands_run", new()
        {
            ["target"] = "@even",
            ["command"] = "if [ \"$(hostname)\" = host04 ]; then sleep 120; fi; echo done",
            ["timeout"] = 2,
        });
        var hosts = ByHost(result);
        hosts["host04"].GetProperty("status").GetString().ShouldBe("timed_out");
        hosts["host02"].GetProperty("result").GetProperty("stdout").GetString().ShouldBe("done\n");
        result.GetProperty("summary").GetProperty("ok").GetInt32().ShouldBe(4);
        result.GetProperty("summary").GetProperty("duration_seconds").GetDouble().ShouldBeLessThan(30);
    }

    [Fact]
    public async Task MetricsAndIdentity_OfTheGroup_ComeFromEachHost()
    {
        var metrics = await CallAsync("metrics_sample", new() { ["target"] = "@fleet", ["seconds"] = 0.2 });
        metrics.GetProperty("summary").GetProperty("ok").GetInt32().ShouldBe(10);
        foreach (var outcome in ByHost(metrics).Values.Where(o => o.GetProperty("status").GetString() == "ok"))
        {
            var result = outcome.GetProperty("result");
            result.GetProperty("host").GetString().ShouldBe(outcome.GetProperty("host").GetString());
            result.GetProperty("cpu").GetProperty("cpu_count").GetInt32().ShouldBe(Environment.ProcessorCount);
            result.GetProperty("memory").GetProperty("total_bytes").GetInt64().ShouldBeGreaterThan(0);
        }

        var identity = await CallAsync("hosts_describe", new() { ["target"] = "rack=a" });
        var names = ByHost(identity).Select(h => (h.Key, h.Value.GetProperty("result").GetProperty("hostname").GetString())).ToList();
        names.ShouldBe([.. Enumerable.Range(1, 5).Select(i => ($"host{i:00}", (string?)$"host{i:00}"))]);
    }

    [Fact]
    public async Task HostsList_ShowsTheInventory_AndWhatATargetSelects()
    {
        var list = await CallAsync("hosts_list", new() { ["select"] = "@odd,host02" });
        list.GetProperty("hosts").EnumerateArray().Select(h => h.GetProperty("name").GetString())
            .ShouldBe(["host01", "host02", "host03", "host05", "host07", "host09", "host11"]);
        list.GetProperty("groups").EnumerateArray().Single(g => g.GetProperty("name").GetString() == "fleet").GetProperty("hosts").GetInt32().ShouldBe(11);
    }

    [Fact]
    public async Task Targets_BeyondTheCap_AreRefused_BeforeAnythingRuns()
    {
        var options = new BastionOptions { Paths = fleet.Paths, FanOut = new FanOutOptions { MaxHosts = 5 } };
        await using var services = new ServiceCollection().AddBastion(options).AddSsh(fleet.Options).BuildServiceProvider();
        await using var session = await InProcessSession.StartAsync(services, CancellationToken.None);
        var result = await session.Client.CallToolAsync("metrics_sample", new Dictionary<string, object?> { ["target"] = "all" });
        result.IsError.ShouldBe(true);
        result.Content.OfType<TextContentBlock>().Single().Text.ShouldContain("target 'all' selects 12 hosts; at most 5 are allowed in one call");
    }

    [Fact]
    public async Task FilesRead_ReadsARemoteFile_InPieces()
    {
        var path = Path.Combine("/tmp", $"bastion-read-{Guid.NewGuid():N}.txt");
        await File.WriteAllTextAsync(path, "line one\nline two\nünïcode\n");
        try
        {
            var whole = ByHost(await CallAsync("files_read", new() { ["target"] = "host03", ["path"] = path }))["host03"].GetProperty("result");
            whole.GetProperty("content").GetString().ShouldBe("line one\nline two\nünïcode\n");
            whole.GetProperty("eof").GetBoolean().ShouldBeTrue();
            var piece = ByHost(await CallAsync("files_read", new() { ["target"] = "host03", ["path"] = path, ["offset"] = 5, ["length"] = 8 }))["host03"].GetProperty("result");
            piece.GetProperty("content").GetString().ShouldBe("one\nline");
            piece.GetProperty("eof").GetBoolean().ShouldBeFalse();
            piece.GetProperty("size_bytes").GetInt64().ShouldBe(28);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public async Task FilesRead_OfAMissingFile_FailsOnThatHostOnly()
    {
        var result = await CallAsync("files_read", new() { ["target"] = "host01,host02", ["path"] = "/no/such/file" });
        ByHost(result)["host01"].GetProperty("error").GetString().ShouldBe("Host 'host01': '/no/such/file' does not exist.");
        result.GetProperty("summary").GetProperty("failed").GetInt32().ShouldBe(2);
    }

    [Fact]
    public async Task Transfers_RoundTripA12MegabyteFile_WithSpacesInItsName_AndMatchingHashes()
    {
        var local = Directory.CreateTempSubdirectory("bastion-transfer-").FullName;
        var remote = $"/home/fleet1/round trip {Guid.NewGuid():N}.bin";
        try
        {
            var source = Path.Combine(local, "source file.bin");
            var bytes = RandomNumberGenerator.GetBytes(12 * 1024 * 1024);
            await File.WriteAllBytesAsync(source, bytes);
            var expected = Convert.ToHexStringLower(SHA256.HashData(bytes));

            var up = await CallAsync("files_upload", new() { ["host"] = "host05", ["source"] = source, ["path"] = remote, ["mode"] = "600" });
            up.GetProperty("sha256").GetString().ShouldBe(expected);
            up.GetProperty("verified").GetBoolean().ShouldBeTrue();
            (File.GetUnixFileMode(remote) & (UnixFileMode)0x1FF).ShouldBe(UnixFileMode.UserRead | UnixFileMode.UserWrite);

            var copy = Path.Combine(local, "copy back.bin");
            var down = await CallAsync("files_download", new() { ["host"] = "host05", ["path"] = remote, ["destination"] = copy });
            down.GetProperty("size_bytes").GetInt64().ShouldBe(bytes.Length);
            down.GetProperty("verified").GetBoolean().ShouldBeTrue();
            Convert.ToHexStringLower(SHA256.HashData(await File.ReadAllBytesAsync(copy))).ShouldBe(expected);
            Directory.GetFiles(local).Length.ShouldBe(2, "no temporary file is left behind");

            (await ErrorAsync("files_upload", new() { ["host"] = "host05", ["source"] = source, ["path"] = remote }))
                .ShouldContain("exists already on the host; pass overwrite=true");
            (await ErrorAsync("files_download", new() { ["host"] = "host05", ["path"] = remote, ["destination"] = copy }))
                .ShouldContain("exists already; pass overwrite=true");
        }
        finally
        {
            File.Delete(remote);
            Directory.Delete(local, recursive: true);
        }
    }

    [Fact]
    public async Task Transfers_SayWhatIsMissing()
    {
        var local = Directory.CreateTempSubdirectory("bastion-transfer-").FullName;
        try
        {
            (await ErrorAsync("files_download", new() { ["host"] = "host06", ["path"] = "/no/such/file", ["destination"] = Path.Combine(local, "x") }))
                .ShouldBe("Host 'host06': '/no/such/file' does not exist.");
            (await ErrorAsync("files_upload", new() { ["host"] = "host06", ["source"] = Path.Combine(local, "missing"), ["path"] = "/tmp/x" }))
                .ShouldContain("is not a file on Bastion's machine");
            (await ErrorAsync("files_upload", new() { ["host"] = "host06", ["source"] = "/etc/hostname", ["path"] = "/no/such/dir/x" }))
                .ShouldContain("the directory of '/no/such/dir/x' does not exist on the host");
            Directory.GetFiles(local).ShouldBeEmpty();
        }
        finally
        {
            Directory.Delete(local, recursive: true);
        }
    }

    [Fact]
    public async Task DownloadDirectory_PacksItAsTarGz()
    {
        var remote = Directory.CreateTempSubdirectory("bastion-dir-").FullName;
        var local = Directory.CreateTempSubdirectory("bastion-archive-").FullName;
        try
        {
            await File.WriteAllTextAsync(Path.Combine(remote, "a.txt"), "alpha");
            Directory.CreateDirectory(Path.Combine(remote, "sub dir"));
            await File.WriteAllTextAsync(Path.Combine(remote, "sub dir", "b.txt"), "beta");
            File.SetUnixFileMode(remote, (UnixFileMode)0x1ED);
            var archive = Path.Combine(local, "dir.tar.gz");
            var result = await CallAsync("files_download_dir", new() { ["host"] = "host07", ["path"] = remote, ["destination"] = archive });
            result.GetProperty("size_bytes").GetInt64().ShouldBe(new FileInfo(archive).Length);

            using var tar = System.Diagnostics.Process.Start(new System.Diagnostics.ProcessStartInfo("tar", ["-tzf", archive]) { RedirectStandardOutput = true })!;
            var listing = await tar.StandardOutput.ReadToEndAsync();
            listing.ShouldContain("./a.txt");
            listing.ShouldContain("./sub dir/b.txt");
        }
        finally
        {
            Directory.Delete(remote, recursive: true);
            Directory.Delete(local, recursive: true);
        }
    }
}
