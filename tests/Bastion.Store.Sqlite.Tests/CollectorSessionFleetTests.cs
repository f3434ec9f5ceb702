using System.Diagnostics;
using System.Globalization;
using Bastion.Core.History;
using Bastion.Ssh;
using Bastion.Testing;

namespace Bastion.Store.Sqlite.Tests;

/// <summary>The collector's long-lived sessions against two real sshd hosts on 127.0.0.142-143 (address base 140, this
/// suite's own) and the local host.</summary>
public sealed class CollectorSessionFleetTests : IAsyncLifetime
{
    private static readonly CancellationToken None = CancellationToken.None;
    private readonly LoopbackFleet _fleet = new(addressBase: 140);
    private readonly SshOptions _ssh = new() { ConfigFile = "/dev/null", ConnectTimeout = TimeSpan.FromSeconds(5) };
    private HistoryHarness _harness = null!;

    public async Task InitializeAsync()
    {
        await _fleet.StartAsync(2);
        var hosts = Enumerable.Range(1, 2).Select(i => _fleet.Host(i, ["fleet"])).ToList();
        _harness = await HistoryHarness.StartAsync(hosts, ssh: _ssh);
        await _harness.PinHostKeysAsync(hosts, _ssh);
    }

    public async Task DisposeAsync()
    {
        await _harness.Collector.DisposeAsync();
        await _fleet.StopAsync(_harness.Paths.ControlDirectory);
        await _harness.DisposeAsync();
    }

    [Fact]
    public async Task Collector_TicksOverOneSessionPerHost_WithTheSeriesOfAOneShotRead()
    {
        await _harness.Collector.TickAsync(None);
        var sessions = _harness.Collector.Sessions;
        var pids = new[] { "local", "host01", "host02" }.ToDictionary(h => h, Pid);
        await Task.Delay(1100);
        var second = await _harness.Collector.TickAsync(None);
        second.ShouldAllBe(t => t.Status == TickStatus.Ok);
        foreach (var (host, pid) in pids)
        {
            sessions.ProcessIdOf(host).ShouldBe(pid, $"{host}'s second tick ran over the same session");
        }

        // The same series as the ordinary way (one ssh process per read) gives, from two reads a second apart.
        var runner = new SshRunner(_fleet.Host(1, ["fleet"]), _ssh, _harness.Paths);
        var before = await HistoryScript.ReadAsync(runner, TimeSpan.FromSeconds(10), None);
        await Task.Delay(1100);
        var after = await HistoryScript.ReadAsync(runner, TimeSpan.FromSeconds(10), None);
        var oneShot = TickCalculator.Compute("host01", DateTimeOffset.UtcNow, after, before);
        var overSession = second.Single(t => t.Host == "host01");
        Keys(overSession).ShouldBe(Keys(oneShot));
        overSession.Values.ShouldContain(v => v.Metric == "cpu.busy_percent");
        overSession.TopByCpu.ShouldNotBeEmpty();
        overSession.TopByRss.ShouldNotBeEmpty();

        var history = await CollectorLocalTests.CallAsync(_harness.Client, "metrics_history", new() { ["target"] = "@fleet", ["metrics"] = "cpu", ["since"] = "-5m" });
        history.GetProperty("hosts").EnumerateArray().ShouldAllBe(h => h.GetProperty("coverage").GetProperty("answered").GetInt32() == 2);
    }

    [Fact]
    public async Task Collector_ReconnectsAndRecords_WhenTheSessionProcessIsKilled()
    {
        await _harness.Collector.TickAsync(None);
        var sessions = _harness.Collector.Sessions;
        var old = Pid("host01");
        using (var ssh = Process.GetProcessById(old))
        {
            ssh.Kill();
            await ssh.WaitForExitAsync();
        }

        var next = await _harness.Collector.TickAsync(None);
        var host01 = next.Single(t => t.Host == "host01");
        host01.Status.ShouldBe(TickStatus.Ok, host01.Error);
        var after = await _harness.Collector.TickAsync(None);
        after.Single(t => t.Host == "host01").Status.ShouldBe(TickStatus.Ok);
        Pid("host01").ShouldNotBe(old, "a new session replaced the killed one");
        (await _harness.Store.TicksAsync("host01", DateTimeOffset.UtcNow.AddMinutes(-5), DateTimeOffset.UtcNow.AddMinutes(1), None))
            .ShouldAllBe(t => t.Status == TickStatus.Ok);
    }

    [Fact]
    public async Task Collector_RecordsAHungHostAsTimedOut_AndReplacesItsSession()
    {
        await _harness.Collector.TickAsync(None);
        await _harness.Collector.TickAsync(None);
        var sessions = _harness.Collector.Sessions;
        var group = sessions.ProcessGroupOf("host02") ?? throw new ShouldAssertException("host02's session reported no process group");
        var old = Pid("host02");
        // The fleet's hosts run on this machine: stopping the session shell's process group on host02 hangs its next tick.
        await SignalGroupAsync("STOP", group);
        try
        {
            var hung = await _harness.Collector.TickAsync(None);
            var host02 = hung.Single(t => t.Host == "host02");
            host02.Status.ShouldBe(TickStatus.TimedOut, host02.Error);
            hung.Single(t => t.Host == "host01").Status.ShouldBe(TickStatus.Ok);
            sessions.ProcessIdOf("host02").ShouldBeNull("the hung session was closed");
            ProcessExists(old).ShouldBeFalse("its ssh client was killed");
            GroupExists(group).ShouldBeFalse("its shell on the host was ended");
        }
        finally
        {
            await SignalGroupAsync("CONT", group);
        }

        var next = await _harness.Collector.TickAsync(None);
        next.Single(t => t.Host == "host02").Status.ShouldBe(TickStatus.Ok, "the host answers again, the ordinary way");
        Pid("host02").ShouldNotBe(old, "and has a new session for its next tick");
        var after = await _harness.Collector.TickAsync(None);
        after.Single(t => t.Host == "host02").Status.ShouldBe(TickStatus.Ok);
    }

    [Fact]
    public async Task Collector_LeavesNoProcessBehind_WhenItStops()
    {
        using var stop = new CancellationTokenSource();
        var running = _harness.Collector.RunAsync(stop.Token);
        var sessions = _harness.Collector.Sessions;
        var hosts = new[] { "local", "host01", "host02" };
        while (hosts.Any(h => sessions.ProcessGroupOf(h) is null))
        {
            running.IsCompleted.ShouldBeFalse();
            await Task.Delay(50);
        }

        var pids = hosts.Select(Pid).ToList();
        var groups = hosts.Skip(1).Select(h => sessions.ProcessGroupOf(h)!).ToList();
        pids.ShouldAllBe(p => ProcessExists(p));
        pids.ShouldBeSubsetOf(Children(), "the sessions are the collector's own child processes");

        await stop.CancelAsync();
        await Should.ThrowAsync<OperationCanceledException>(() => running);
        sessions.Count.ShouldBe(0);
        pids.ShouldAllBe(p => !ProcessExists(p), "every local session process has ended");
        Children().Intersect(pids).ShouldBeEmpty();
        foreach (var group in groups)
        {
            await WaitGoneAsync(group);
        }
    }

    private int Pid(string host) => _harness.Collector.Sessions.ProcessIdOf(host) ?? throw new ShouldAssertException($"{host} has no session");

    /// <summary>A session shell on a fleet host ends when its channel closes; give sshd a moment to notice.</summary>
    private static async Task WaitGoneAsync(string group)
    {
        for (var i = 0; i < 50 && GroupExists(group); i++)
        {
            await Task.Delay(100);
        }

        GroupExists(group).ShouldBeFalse($"the session shell (process group {group}) on the fleet host has ended");
    }

    /// <summary>The tick's metric names, and the instances of the root file system's and CPU figures.</summary>
    private static List<string> Keys(HostTick tick) =>
        [.. tick.Values.Select(v => v.Metric).Concat(tick.Values.Where(v => v.Instance is "/" or "").Select(v => v.Metric + "[" + v.Instance + "]")).Distinct().Order(StringComparer.Ordinal)];

    /// <summary>Live processes whose parent is this test process.</summary>
    private static List<int> Children()
    {
        var me = Environment.ProcessId.ToString(CultureInfo.InvariantCulture);
        var children = new List<int>();
        foreach (var dir in Directory.GetDirectories("/proc"))
        {
            var name = Path.GetFileName(dir);
            if (!int.TryParse(name, out var pid))
            {
                continue;
            }

            try
            {
                var stat = File.ReadAllText(Path.Combine(dir, "stat"));
                var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
                if (fields[1] == me && fields[0] != "Z")
                {
                    children.Add(pid);
                }
            }
            catch (IOException)
            {
                // Gone meanwhile.
            }
        }

        return children;
    }

    private static bool ProcessExists(int pid) => File.Exists($"/proc/{pid}/stat") && !File.ReadAllText($"/proc/{pid}/stat").Contains(") Z ", StringComparison.Ordinal);

    private static bool GroupExists(string group)
    {
        using var probe = Process.Start("sh", ["-c", $"kill -0 -- -{group} 2>/dev/null"])!;
        probe.WaitForExit();
        return probe.ExitCode == 0;
    }

    private static async Task SignalGroupAsync(string signal, string group)
    {
        using var kill = Process.Start("kill", [$"-{signal}", "--", $"-{group}"])!;
        await kill.WaitForExitAsync();
    }
}
