using Bastion.Core.Audit;
using Bastion.Store.Postgres.Audit;
using Bastion.Testing;

namespace Bastion.Store.Postgres.Tests;

/// <summary>
/// A background retention run of the store's chain that fails (here: a checkpoint edited outside Bastion, so its MAC
/// does not match) deletes nothing, never fails the call that started it, and is logged as a warning with its cause and
/// counted (<c>bastion.audit.retention.failures{store="postgres",step="prune"}</c>).
/// </summary>
public sealed class PostgresAuditRetentionFailureTests(TestDatabase database) : IClassFixture<TestDatabase>
{
    private static AuditRecord Call(string tool) => new("call", "alice", null, null, tool, null, ["web-01"], "allowed", null, "ok", null, 1.5);

    [PostgresFact]
    public async Task AFailedBackgroundPruning_IsLoggedWithItsCause_AndCounted_AndTheCallSucceeds()
    {
        var keyFile = Path.Combine(Directory.CreateTempSubdirectory("bastion-pg-keys-").FullName, StoreAuditKeys.FileName);
        await using var store = database.Store();
        await store.MigrateAsync(null, CancellationToken.None);
        await StoreAuditKeys.EnsureAsync(keyFile, TimeProvider.System, CancellationToken.None);
        var clock = new ManualClock(new DateTimeOffset(2026, 3, 1, 0, 0, 0, TimeSpan.Zero));
        var plain = new PostgresAuditChain(store, "failing", keyFile, clock);
        for (var i = 0; i < 6; i++)
        {
            await plain.AppendAsync(Call($"tool_{i}"), CancellationToken.None);
        }

        var retention = new StoreAuditRetention { MaxAge = TimeSpan.FromHours(1), MaxTotalBytes = null };
        clock.Advance(TimeSpan.FromDays(2));
        await PostgresAuditRetention.PruneAsync(store, "failing", keyFile, retention, clock, CancellationToken.None);
        await database.ScalarAsync("UPDATE audit_checkpoints SET entries = entries + 1 WHERE tenant = 'failing'");
        clock.Advance(TimeSpan.FromDays(2));
        var lines = new List<string>();
        using var failures = new CounterRecorder("bastion.audit.retention.failures");
        var chain = new PostgresAuditChain(store, "failing", keyFile, clock, retention, new LinesLoggerProvider(lines).CreateLogger("audit"));

        (await chain.AppendAsync(Call("after the edit"), CancellationToken.None)).Seq.ShouldBe(7);
        (await chain.LastRetention).ShouldBeNull();

        (await database.ScalarAsync("SELECT count(*) FROM audit_entries WHERE tenant = 'failing'")).ShouldBe(2L, "the last entry before the edit and the call's: nothing more was pruned");
        var warning = lines.ShouldHaveSingleItem();
        warning.ShouldStartWith("Audit prune failed (postgres log)");
        warning.ShouldContain("does not match its MAC");
        failures.Sum("store=postgres", "step=prune").ShouldBe(1);
    }
}
