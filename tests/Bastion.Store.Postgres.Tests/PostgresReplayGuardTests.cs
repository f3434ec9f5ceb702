using Bastion.Store.Postgres.Confirmation;

namespace Bastion.Store.Postgres.Tests;

public sealed class PostgresReplayGuardTests(TestDatabase database) : IClassFixture<TestDatabase>
{
    [PostgresFact]
    public async Task TryConsume_AcceptsAnIdOnce_WhenTwoInstancesRaceForIt()
    {
        await using var first = database.Store();
        await using var second = database.Store();
        await first.MigrateAsync(null, CancellationToken.None);
        var guards = new[] { new PostgresReplayGuard(first), new PostgresReplayGuard(second) };
        var expires = DateTimeOffset.UtcNow.AddMinutes(5);

        var results = await Task.WhenAll(Enumerable.Range(0, 20).Select(i => guards[i % 2].TryConsumeAsync("token-id-1", expires, CancellationToken.None).AsTask()));

        results.Count(r => r).ShouldBe(1);
        (await guards[1].TryConsumeAsync("token-id-2", expires, CancellationToken.None)).ShouldBeTrue();
        (await guards[0].TryConsumeAsync("token-id-2", expires, CancellationToken.None)).ShouldBeFalse();
    }

    [PostgresFact]
    public async Task TryConsume_ForgetsIds_OnlyAfterTheyExpired()
    {
        await using var store = database.Store();
        await store.MigrateAsync(null, CancellationToken.None);
        var guard = new PostgresReplayGuard(store);
        (await guard.TryConsumeAsync("old", DateTimeOffset.UtcNow.AddHours(-1), CancellationToken.None)).ShouldBeTrue();
        (await guard.TryConsumeAsync("live", DateTimeOffset.UtcNow.AddHours(1), CancellationToken.None)).ShouldBeTrue();

        (await guard.TryConsumeAsync("sweep", DateTimeOffset.UtcNow.AddHours(1), CancellationToken.None)).ShouldBeTrue();

        (await database.ScalarAsync("SELECT string_agg(id, ',' ORDER BY id) FROM replay_guard")).ShouldBe("live,sweep");
    }
}
