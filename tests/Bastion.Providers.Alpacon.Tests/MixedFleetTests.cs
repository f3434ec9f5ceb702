using Bastion.Core.Execution;
using Bastion.Fakes.Alpacon;
using Bastion.Ssh;
using Bastion.Testing;

namespace Bastion.Providers.Alpacon.Tests;

/// <summary>
/// One call across real SSH hosts (sshd on 127.0.0.241-242) and Alpacon servers (the fake, whose servers answer
/// `hostname` from their own UTS namespaces): per-host results from both backends in one fan-out.
/// </summary>
public sealed class MixedFleetTests : IAsyncLifetime
{
    private readonly LoopbackFleet _fleet = new(addressBase: 240);
    private AlpaconFake _fake = null!;
    private AlpaconHarness _harness = null!;

    public async Task InitializeAsync()
    {
        await _fleet.StartAsync(2);
        _fake = await AlpaconFake.StartAsync(new AlpaconFakeOptions
        {
            Servers = [new FakeServer("7c1d0000-0000-4000-8000-000000000001", "alp-web", "alp-web"), new FakeServer("7c1d0000-0000-4000-8000-000000000002", "alp-db", "alp-db")],
        });
        var ssh = new SshOptions { ConfigFile = "/dev/null", ConnectTimeout = TimeSpan.FromSeconds(5) };
        _harness = await AlpaconHarness.StartAsync(
            mode: Core.Policy.Mode.Operator,
            fake: _fake,
            more: s => s.AddSsh(ssh),
            inventory: [_fleet.Host(1, ["fleet"]), _fleet.Host(2, ["fleet"])]);
        foreach (var i in new[] { 1, 2 })
        {
            var pin = await new SshRunner(_fleet.Host(i, ["fleet"]), ssh, _harness.Paths, acceptNewHostKey: true).RunAsync(new CommandRequest(["true"]), CancellationToken.None);
            pin.ExitCode.ShouldBe(0, pin.Stderr);
        }
    }

    public async Task DisposeAsync()
    {
        var control = _harness.Paths.ControlDirectory;
        await _fleet.StopAsync(control);
        await _harness.DisposeAsync();
        await _fake.DisposeAsync();
    }

    [Fact]
    public async Task CommandsRun_TargetAll_AnswersPerHost_FromSshAndAlpacon()
    {
        var result = await _harness.CallAsync("commands_run", new() { ["target"] = "all", ["command"] = "hostname; uptime" });
        var summary = result.GetProperty("summary");
        summary.GetProperty("targets").GetInt32().ShouldBe(4);
        summary.GetProperty("ok").GetInt32().ShouldBe(4);
        var hosts = AlpaconHarness.ByHost(result);
        hosts.Keys.Order().ShouldBe(["alp-db", "alp-web", "host01", "host02"]);
        foreach (var (name, outcome) in hosts)
        {
            var stdout = outcome.GetProperty("result").GetProperty("stdout").GetString()!;
            stdout.ShouldStartWith(name + "\n");
            stdout.ShouldContain("load average");
        }

        _fake.Commands.Count.ShouldBe(2);
    }

    [Fact]
    public async Task HostsDescribe_TargetAll_ReadsFactsThroughBothBackends()
    {
        var result = await _harness.CallAsync("hosts_describe", new() { ["target"] = "all" });
        result.GetProperty("summary").GetProperty("ok").GetInt32().ShouldBe(4);
        var hosts = AlpaconHarness.ByHost(result);
        hosts["alp-web"].GetProperty("result").GetProperty("hostname").GetString().ShouldBe("alp-web");
        hosts["host02"].GetProperty("result").GetProperty("hostname").GetString().ShouldBe("host02");
    }

    [Fact]
    public async Task ADisconnectedAlpaconServer_IsUnreachable_AndTheOthersStillAnswer()
    {
        _fake.Servers[1].Connected = false;
        var result = await _harness.CallAsync("commands_run", new() { ["target"] = "all", ["command"] = "uptime" });
        var summary = result.GetProperty("summary");
        summary.GetProperty("ok").GetInt32().ShouldBe(3);
        summary.GetProperty("unreachable").GetInt32().ShouldBe(1);
        AlpaconHarness.ByHost(result)["alp-db"].GetProperty("error").GetString()!.ShouldContain("stuck");
    }
}
