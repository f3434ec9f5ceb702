using Bastion.Store.Postgres.Leadership;

namespace Bastion.Store.Postgres.Tests;

/// <summary>The collector's leadership lock in a real PostgreSQL: one holder per tenant, lost with its connection.</summary>
public sealed class CollectorLeadershipTests(TestDatabase database) : IClassFixture<TestDatabase>
{
    private static readonly TimeSpan Probe = TimeSpan.FromMilliseconds(200);

    [PostgresFact]
    public async Task TryAcquire_GivesOneLeaderPerTenant_UntilTheLeaderLetsGo()
    {
        await using var store = database.Store();
        var first = new PostgresCollectorLeadership(store, "acme", Probe);
        var second = new PostgresCollectorLeadership(store, "acme", Probe);
        var other = new PostgresCollectorLeadership(store, "globex", Probe);

        var lease = await first.TryAcquireAsync(CancellationToken.None);
        lease.ShouldNotBeNull();
        (await second.TryAcquireAsync(CancellationToken.None)).ShouldBeNull();
        await using var globex = await other.TryAcquireAsync(CancellationToken.None);
        globex.ShouldNotBeNull("another tenant has a leader of its own");

        await lease.DisposeAsync();
        await using var next = await second.TryAcquireAsync(CancellationToken.None);
        next.ShouldNotBeNull("the lock is free once its holder let go");
        next.Lost.IsCancellationRequested.ShouldBeFalse();
    }

    [PostgresFact]
    public async Task Lease_IsLost_WhenTheServerEndsItsConnection()
    {
        await using var store = database.Store();
        var first = new PostgresCollectorLeadership(store, "acme", Probe);
        await using var lease = await first.TryAcquireAsync(CancellationToken.None);
        lease.ShouldNotBeNull();

        var ended = await database.ScalarAsync(
            $"SELECT count(pg_terminate_backend(pid)) FROM pg_locks WHERE locktype = 'advisory' AND classid = {PostgresCollectorLeadership.LockClass} AND objsubid = 2 AND database = (SELECT oid FROM pg_database WHERE datname = current_database())");
        ended.ShouldBe(1L);

        await Should.ThrowAsync<TaskCanceledException>(() => Task.Delay(TimeSpan.FromSeconds(30), lease.Lost));
        lease.Lost.IsCancellationRequested.ShouldBeTrue("the probe noticed the connection is gone");
        await using var next = await new PostgresCollectorLeadership(store, "acme", Probe).TryAcquireAsync(CancellationToken.None);
        next.ShouldNotBeNull("the server freed the lock with the session");
    }
}
