using System.Globalization;
using System.Text.Json;

namespace Bastion.Providers.Alpacon.Tests;

/// <summary>Bastion's own host tools on Alpacon servers, through a real MCP client: the facts come from the Command API's output and the shared parsers.</summary>
public sealed class HostToolsTests : IAsyncLifetime
{
    private AlpaconHarness _harness = null!;

    public async Task InitializeAsync() => _harness = await AlpaconHarness.StartAsync();

    public async Task DisposeAsync() => await _harness.DisposeAsync();

    [Fact]
    public async Task MetricsSample_OnAnAlpaconHost_ReturnsFiguresParsedFromTheCommandOutput()
    {
        var result = await _harness.CallAsync("metrics_sample", new() { ["target"] = "web-01", ["seconds"] = 0.2 });
        result.GetProperty("summary").GetProperty("ok").GetInt32().ShouldBe(1);
        var snapshot = AlpaconHarness.ByHost(result)["web-01"].GetProperty("result");
        var memTotalKb = long.Parse(File.ReadAllLines("/proc/meminfo").First(l => l.StartsWith("MemTotal:", StringComparison.Ordinal)).Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture);
        snapshot.GetProperty("memory").GetProperty("total_bytes").GetInt64().ShouldBe(memTotalKb * 1024);
        snapshot.GetProperty("cpu").GetProperty("cpu_count").GetInt32().ShouldBe(Environment.ProcessorCount);
        snapshot.GetProperty("disks").GetArrayLength().ShouldBeGreaterThan(0);

        // It came through Alpacon: one command submitted, whose output carries the fact script's sections.
        var command = _harness.Fake.Commands.Single();
        command.Line.ShouldContain("cat /proc/meminfo");
        command.Environment["LC_ALL"].ShouldBe("C");
        command.Result.ShouldContain("@@bastion-begin meminfo");
    }

    [Fact]
    public async Task HostsDescribe_And_ProcessesList_WorkOnAlpaconHosts()
    {
        var described = await _harness.CallAsync("hosts_describe", new() { ["target"] = "@alpacon" });
        described.GetProperty("summary").GetProperty("ok").GetInt32().ShouldBe(2);
        var processes = await _harness.CallAsync("processes_list", new() { ["target"] = "db-01", ["limit"] = 5 });
        AlpaconHarness.ByHost(processes)["db-01"].GetProperty("result").GetProperty("processes").GetArrayLength().ShouldBeGreaterThan(0);
    }

    [Fact]
    public async Task CommandsRun_ThroughAlpacon_ReturnsExitCodeAndOutputPerHost()
    {
        var result = await _harness.CallAsync("commands_run", new() { ["target"] = "@alpacon", ["command"] = "echo hello from $0; exit 4" });
        var hosts = AlpaconHarness.ByHost(result);
        foreach (var name in new[] { "web-01", "db-01" })
        {
            var output = hosts[name].GetProperty("result");
            output.GetProperty("exit_code").GetInt32().ShouldBe(4);
            output.GetProperty("stdout").GetString()!.ShouldStartWith("hello from ");
        }

        _harness.Fake.Commands.Select(c => c.Server.Name).Order().ShouldBe(["db-01", "web-01"]);
        _harness.Fake.Commands.ShouldAllBe(c => c.Line == "echo hello from $0; exit 4");
    }

    [Fact]
    public async Task CommandsRun_WaitsForAlpaconsApproval_ThenAnswers()
    {
        _harness.Fake.RequireApproval("^date$");
        var call = _harness.CallAsync("commands_run", new() { ["target"] = "web-01", ["command"] = "date" });
        FakeWait(() => _harness.Fake.Commands.Any(c => c.Status == "awaiting_approval"));
        _harness.Fake.Approve(_harness.Fake.Commands.Single().Id).ShouldBeTrue();
        var result = await call;
        var outcome = AlpaconHarness.ByHost(result)["web-01"];
        outcome.GetProperty("status").GetString().ShouldBe("ok");
        outcome.GetProperty("result").GetProperty("exit_code").GetInt32().ShouldBe(0);
        _harness.Fake.Commands.Count.ShouldBe(1);
    }

    [Fact]
    public async Task CommandsRun_ReportsDenialAndPendingApproval_PerHost_WithoutResubmitting()
    {
        _harness.Fake.Deny("^whoami$");
        _harness.Fake.RequireApproval("^id$");
        var denied = AlpaconHarness.ByHost(await _harness.CallAsync("commands_run", new() { ["target"] = "web-01", ["command"] = "whoami" }))["web-01"];
        denied.GetProperty("status").GetString().ShouldBe("failed");
        denied.GetProperty("error").GetString()!.ShouldContain("Alpacon denied command");

        var pending = AlpaconHarness.ByHost(await _harness.CallAsync("commands_run", new() { ["target"] = "web-01", ["command"] = "id" }))["web-01"];
        pending.GetProperty("status").GetString().ShouldBe("failed");
        pending.GetProperty("error").GetString()!.ShouldContain("awaiting approval");
        _harness.Fake.Commands.Count(c => c.Line == "id").ShouldBe(1);

        var history = await _harness.CallAsync("alpacon_list", new() { ["resource"] = "commands", ["host"] = "web-01" });
        history.GetProperty("commands").EnumerateArray().Select(c => c.GetProperty("status").GetString()).ShouldBe(["awaiting_approval", "denied"]);
    }

    [Fact]
    public async Task CommandsRun_StillObeysBastionsPolicy_BeforeAlpaconSeesAnything()
    {
        await using var readOnly = await AlpaconHarness.StartAsync(mode: Core.Policy.Mode.ReadOnly);
        var error = await readOnly.ErrorAsync("commands_run", new() { ["target"] = "web-01", ["command"] = "touch /tmp/bastion-alpacon-never" });
        error.ShouldContain("Refused");
        readOnly.Fake.Commands.ShouldBeEmpty();
    }

    private static void FakeWait(Func<bool> condition)
    {
        for (var i = 0; i < 400 && !condition(); i++)
        {
            Thread.Sleep(25);
        }

        condition().ShouldBeTrue();
    }

    public static JsonElement Result(JsonElement fanOut, string host) => AlpaconHarness.ByHost(fanOut)[host].GetProperty("result");
}
