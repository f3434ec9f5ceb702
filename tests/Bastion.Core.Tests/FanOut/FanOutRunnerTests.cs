using Bastion.Core.Execution;
using Bastion.Core.FanOut;
using Bastion.Core.Inventory;
using Microsoft.Extensions.Logging.Abstractions;

namespace Bastion.Core.Tests.FanOut;

public class FanOutRunnerTests
{
    private sealed class Inventory(params Host[] hosts) : IInventory
    {
        public IReadOnlyList<Host> Hosts { get; } = hosts;

        public IReadOnlyList<string> Notes => [];

        public Host Get(string name) => Hosts.Single(h => h.Name == name);

        public Task RefreshAsync(CancellationToken cancellationToken) => Task.CompletedTask;

        public void Invalidate()
        {
        }
    }

    private sealed class Runners : IRunnerProvider
    {
        public IHostRunner For(Host host) => new LocalRunner(host.Name);
    }

    private static FanOutRunner Runner(FanOutOptions options, params string[] names) =>
        new(new Inventory([.. names.Select(n => Host.Ssh(n, "127.0.0.1"))]), new Runners(), options, TimeProvider.System, NullLogger<FanOutRunner>.Instance);

    private static async Task<string> Work(IHostRunner runner, CancellationToken cancellationToken) => runner.HostName switch
    {
        "down" => throw new HostUnreachableException("down", "cannot connect to 127.0.0.1:22: Connection refused"),
        "broken" => throw new BastionException("Host 'broken': /proc/stat is not available on this host."),
        "slow" => await Late(cancellationToken),
        "faulty" => throw new InvalidOperationException("a bug"),
        var name => (await runner.RunAsync(new CommandRequest(["echo", name]), cancellationToken)).Stdout.Trim(),
    };

    private static async Task<string> Late(CancellationToken cancellationToken)
    {
        await Task.Delay(TimeSpan.FromSeconds(30), cancellationToken);
        return "late";
    }

    [Fact]
    public async Task Run_GivesEachHostItsOwnOutcome_AndASummaryFirst()
    {
        var fanOut = Runner(new FanOutOptions { HostTimeout = TimeSpan.FromSeconds(1) }, "a", "down", "broken", "slow", "faulty", "b");
        var reports = new List<FanOutProgress>();
        var result = await fanOut.RunAsync("all", Work, new SyncProgress(reports), CancellationToken.None);

        result.Hosts.Select(h => (h.Host, h.Status)).ShouldBe(
        [
            ("a", HostStatus.Ok), ("down", HostStatus.Unreachable), ("broken", HostStatus.Failed),
            ("slow", HostStatus.TimedOut), ("faulty", HostStatus.Failed), ("b", HostStatus.Ok),
        ]);
        result.Hosts[0].Result.ShouldBe("a");
        result.Hosts[1].Error!.ShouldContain("Connection refused");
        result.Hosts[3].Error!.ShouldContain("per-host timeout of 1 s");
        result.Hosts[4].Error.ShouldBe("internal error (InvalidOperationException); see Bastion's log.");
        result.Summary.ShouldBe(new FanOutSummary(6, 2, 2, 1, 1, result.Summary.DurationSeconds, result.Summary.Slowest));
        result.Summary.Slowest[0].Host.ShouldBe("slow");
        result.Summary.DurationSeconds.ShouldBeLessThan(10);
        reports.Select(r => r.Done).Order().ShouldBe([1, 2, 3, 4, 5, 6]);
        reports.ShouldAllBe(r => r.Total == 6);
    }

    [Fact]
    public async Task Run_KeepsToTheConcurrencyCap()
    {
        var running = 0;
        var peak = 0;
        async Task<string> Count(IHostRunner runner, CancellationToken cancellationToken)
        {
            var now = Interlocked.Increment(ref running);
            InterlockedMax(ref peak, now);
            await Task.Delay(50, cancellationToken);
            Interlocked.Decrement(ref running);
            return runner.HostName;
        }

        var fanOut = Runner(new FanOutOptions { Concurrency = 3 }, [.. Enumerable.Range(1, 12).Select(i => $"h{i}")]);
        var result = await fanOut.RunAsync("all", Count, null, CancellationToken.None);
        result.Summary.Ok.ShouldBe(12);
        peak.ShouldBe(3);
    }

    [Fact]
    public async Task Run_RefusesABadTarget_BeforeAnythingRuns()
    {
        var ran = false;
        var fanOut = Runner(new FanOutOptions(), "a");
        await Should.ThrowAsync<BastionException>(fanOut.RunAsync("nope", (_, _) => { ran = true; return Task.FromResult("x"); }, null, CancellationToken.None));
        ran.ShouldBeFalse();
    }

    private static void InterlockedMax(ref int target, int value)
    {
        int current;
        while ((current = Volatile.Read(ref target)) < value && Interlocked.CompareExchange(ref target, value, current) != current)
        {
        }
    }

    private sealed class SyncProgress(List<FanOutProgress> reports) : IProgress<FanOutProgress>
    {
        public void Report(FanOutProgress value)
        {
            lock (reports)
            {
                reports.Add(value);
            }
        }
    }
}
