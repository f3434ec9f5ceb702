using System.Diagnostics;
using Bastion.Store.Postgres.Audit;

namespace Bastion.Store.Postgres.Tests;

/// <summary>Two real <c>bastion serve --http --store</c> processes collecting one tenant's history: one leads; the other takes over when the leader is SIGKILLed.</summary>
public sealed class CollectorLeaderProcessTests(TestDatabase database) : IClassFixture<TestDatabase>
{
    private const int IntervalSeconds = 3;
    private const string Leads = "History collector leads";
    private const string Follows = "History collector follows";

    [PostgresFact]
    public async Task Serve_CollectsOnOneInstancePerTenant_AndAnotherTakesOverWithinTwoTicks_WhenTheLeaderIsKilled()
    {
        var dirs = new[] { Directory.CreateTempSubdirectory("bastion-pg-lead-a-").FullName, Directory.CreateTempSubdirectory("bastion-pg-lead-b-").FullName };
        foreach (var dir in dirs)
        {
            // Port 1 of loopback, where nothing listens: each tick records the host unreachable at once.
            var added = await BastionInstance.RunAsync(database, dir, "hosts", "--tenant", "acme", "add", "acme-web1", "--address", "127.0.0.1", "--port", "1", "--no-test");
            added.ExitCode.ShouldBe(0, added.Stderr);
        }

        string[] flags = ["--collect-interval", $"{IntervalSeconds}s", "--log-level", "Information"];
        var first = await BastionInstance.StartAsync(database, dirs[0], flags);
        File.Copy(Path.Combine(dirs[0], StoreAuditKeys.FileName), Path.Combine(dirs[1], StoreAuditKeys.FileName));
        File.SetUnixFileMode(Path.Combine(dirs[1], StoreAuditKeys.FileName), UnixFileMode.UserRead | UnixFileMode.UserWrite);
        await using var second = await BastionInstance.StartAsync(database, dirs[1], flags);
        try
        {
            await WaitForAsync(() => first.Stderr.Contains(Leads, StringComparison.Ordinal) || second.Stderr.Contains(Leads, StringComparison.Ordinal), "a leader");
            var (leader, follower) = first.Stderr.Contains(Leads, StringComparison.Ordinal) ? (first, second) : (second, first);
            await WaitForAsync(() => follower.Stderr.Contains(Follows, StringComparison.Ordinal), "the other instance to follow");
            leader.Stderr.ShouldContain("tenant 'acme'");
            follower.Stderr.ShouldNotContain(Leads);

            var killed = Stopwatch.StartNew();
            await leader.DisposeAsync(); // SIGKILL: no goodbye to PostgreSQL, the kernel closes the socket
            await WaitForAsync(() => follower.Stderr.Contains(Leads, StringComparison.Ordinal), "the follower to lead");
            killed.Elapsed.ShouldBeLessThanOrEqualTo(TimeSpan.FromSeconds(2 * IntervalSeconds), "the issue asks for a new leader within two ticks");
        }
        finally
        {
            await first.DisposeAsync();
        }
    }

    private static async Task WaitForAsync(Func<bool> condition, string what)
    {
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (!condition())
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"waited 60 s for {what}");
            }

            await Task.Delay(50);
        }
    }
}
