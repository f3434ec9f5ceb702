using System.Diagnostics;
using System.Globalization;
using Bastion.Core.Execution;
using Bastion.Core.History;
using Bastion.Ssh;
using Bastion.Testing;

namespace Bastion.Store.Sqlite.Tests;

/// <summary>The collector against three real sshd hosts on 127.0.0.131-133 (address base 130, this suite's own).</summary>
public sealed class CollectorFleetTests : IAsyncLifetime
{
    private static readonly CancellationToken None = CancellationToken.None;
    private readonly LoopbackFleet _fleet = new(addressBase: 130);
    private readonly SshOptions _ssh = new() { ConfigFile = "/dev/null", ConnectTimeout = TimeSpan.FromSeconds(5) };
    private HistoryHarness _harness = null!;

    public async Task InitializeAsync()
    {
        await _fleet.StartAsync(3);
        var hosts = Enumerable.Range(1, 3).Select(i => _fleet.Host(i, ["fleet"])).ToList();
        _harness = await HistoryHarness.StartAsync(hosts, ssh: _ssh);
        await _harness.PinHostKeysAsync(hosts, _ssh);
    }

    public async Task DisposeAsync()
    {
        await _fleet.StopAsync(_harness.Paths.ControlDirectory);
        await _harness.DisposeAsync();
    }

    [Fact]
    public async Task Collector_RecordsFleetHosts_RatesAndTopProcesses_AndAHaltedHostAsUnreachableThenBack()
    {
        // A busy loop started over SSH on host02, ended at the end of the test.
        var runner = new SshRunner(_fleet.Host(2, ["fleet"]), _ssh, _harness.Paths);
        var started = await runner.RunAsync(CommandRequest.Shell("sh -c 'while :; do :; done' >/dev/null 2>&1 </dev/null & echo $!"), None);
        var busyPid = int.Parse(started.Stdout.Trim(), CultureInfo.InvariantCulture);
        try
        {
            await _harness.Collector.TickAsync(None);
            await Task.Delay(1500);
            var second = await _harness.Collector.TickAsync(None);
            second.Where(t => t.Host != "local").ShouldAllBe(t => t.Status == TickStatus.Ok);
            second.Count.ShouldBe(4, "local and three fleet hosts");
            var host02 = second.Single(t => t.Host == "host02");
            host02.Values.ShouldContain(v => v.Metric == "cpu.busy_percent" && v.Value > 0);
            host02.TopByCpu.ShouldContain(p => p.Pid == busyPid && p.CpuPercent > 20, "the busy loop burns most of a CPU between the ticks");

            // host03 stops answering: its sshd and its master connection go away.
            await _fleet.HaltAsync(3);
            CloseMasters();
            var third = await _harness.Collector.TickAsync(None);
            third.Single(t => t.Host == "host03").Status.ShouldBe(TickStatus.Unreachable);
            var host01 = third.Single(t => t.Host == "host01");
            host01.Status.ShouldBe(TickStatus.Ok, host01.Error);

            await _fleet.RestartAsync(3);
            var fourth = await _harness.Collector.TickAsync(None);
            fourth.Single(t => t.Host == "host03").Status.ShouldBe(TickStatus.Ok);

            var history = await CollectorLocalTests.CallAsync(_harness.Client, "metrics_history", new() { ["target"] = "host03", ["metrics"] = "cpu,network", ["since"] = "-10m" });
            var coverage = history.GetProperty("hosts")[0].GetProperty("coverage");
            coverage.GetProperty("ticks").GetInt32().ShouldBe(4);
            coverage.GetProperty("answered").GetInt32().ShouldBe(3);
            var down = coverage.GetProperty("unreachable").EnumerateArray().ShouldHaveSingleItem();
            down.GetProperty("reason").GetString()!.ShouldStartWith("unreachable");

            var processes = await CollectorLocalTests.CallAsync(_harness.Client, "metrics_history", new() { ["target"] = "host02", ["metrics"] = "processes", ["since"] = "-10m" });
            processes.GetProperty("hosts")[0].GetProperty("processes").EnumerateArray()
                .ShouldContain(p => p.GetProperty("top_by_cpu").EnumerateArray().Any(x => x.GetProperty("pid").GetInt32() == busyPid));

            var top = await CollectorLocalTests.CallAsync(_harness.Client, "metrics_top", new() { ["metric"] = "cpu", ["target"] = "@fleet", ["window"] = "10m" });
            top.GetProperty("ranked").GetInt32().ShouldBe(3);
        }
        finally
        {
            using var busy = Process.GetProcessById(busyPid);
            busy.Kill();
        }
    }

    private void CloseMasters()
    {
        foreach (var socket in Directory.GetFiles(_harness.Paths.ControlDirectory))
        {
            using var exit = Process.Start("ssh", ["-o", $"ControlPath={socket}", "-O", "exit", "x"]);
            exit.WaitForExit();
        }
    }
}
