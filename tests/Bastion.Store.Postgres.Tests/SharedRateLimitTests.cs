using Bastion.Core.Policy;
using Bastion.Http.RateLimiting;
using Bastion.Store.Postgres.RateLimiting;

namespace Bastion.Store.Postgres.Tests;

public sealed class SharedRateLimitTests(TestDatabase database) : IClassFixture<TestDatabase>
{
    private sealed class Buckets(PostgresRateBuckets buckets) : ISharedRateBuckets
    {
        public ValueTask<double?> TryTakeAsync(string key, int capacity, double refillPerSecond, CancellationToken cancellationToken) =>
            buckets.TryTakeAsync(key, capacity, refillPerSecond, cancellationToken);
    }

    [PostgresFact]
    public async Task TryAcquire_HoldsTheBudgetInTotal_WhenTwoInstancesShareTheStore()
    {
        await using var first = database.Store();
        await using var second = database.Store();
        await first.MigrateAsync(null, CancellationToken.None);
        var options = new RateLimitOptions { PerPrincipal = new RateSpec(12, TimeSpan.FromHours(1)), PerTenant = new RateSpec(1000, TimeSpan.FromHours(1)) };
        using var a = new RequestRateLimiter(options, new Buckets(new PostgresRateBuckets(first)));
        using var b = new RequestRateLimiter(options, new Buckets(new PostgresRateBuckets(second)));
        var alice = new Principal("alice", "acme", new HashSet<string>(), Mode.ReadOnly);
        var bob = new Principal("bob", "acme", new HashSet<string>(), Mode.ReadOnly);

        var refusals = await Task.WhenAll(Enumerable.Range(0, 40).Select(i => (i % 2 == 0 ? a : b).TryAcquireAsync(alice, CancellationToken.None).AsTask()));

        refusals.Count(r => r is null).ShouldBe(12);
        var refused = refusals.First(r => r is not null)!;
        refused.Scope.ShouldBe(RateLimitRefusal.PrincipalScope);
        refused.RetryAfterSeconds.ShouldBeInRange(1, 300);
        (await b.TryAcquireAsync(bob, CancellationToken.None)).ShouldBeNull();
    }

    [PostgresFact]
    public async Task Buckets_CommitWithoutWaitingForTheFlush_WhileDurableStateStillWaits()
    {
        await using var store = database.Store();
        async Task<object?> SettingAsync(Npgsql.NpgsqlConnection connection)
        {
            await using (connection)
            {
                await using var show = new Npgsql.NpgsqlCommand("SHOW synchronous_commit", connection);
                return await show.ExecuteScalarAsync();
            }
        }

        (await SettingAsync(await store.OpenUnflushedAsync(CancellationToken.None))).ShouldBe("off");
        (await SettingAsync(await store.OpenAsync(CancellationToken.None))).ShouldBe("on", "the audit chain, vault and keys commit durably");
    }
}
