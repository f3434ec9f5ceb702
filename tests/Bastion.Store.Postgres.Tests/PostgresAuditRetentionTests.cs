using System.Globalization;
using Bastion.Core;
using Bastion.Core.Audit;
using Bastion.Store.Postgres.Audit;
using Bastion.Store.Postgres.Tests.History;

namespace Bastion.Store.Postgres.Tests;

public sealed class PostgresAuditRetentionTests(AuditStoreFixture fixture) : IClassFixture<AuditStoreFixture>
{
    private readonly TestDatabase _database = fixture.Database;
    private readonly string _keyFile = fixture.KeyFile;

    private static AuditRecord Call(string tool) => new("call", "alice", null, null, tool, null, ["web-01"], "allowed", null, "ok", null, 1.5);

    private static async Task AppendAsync(PostgresAuditChain chain, int count)
    {
        for (var i = 0; i < count; i++)
        {
            await chain.AppendAsync(Call($"tool_{i}"), CancellationToken.None);
        }
    }

    /// <summary>The bytes of the stored lines of <paramref name="tenant"/> from seq <paramref name="from"/> up.</summary>
    private async Task<long> BytesFromAsync(string tenant, long from) =>
        Convert.ToInt64(await _database.ScalarAsync($"SELECT sum(octet_length(line)) FROM audit_entries WHERE tenant = '{tenant}' AND seq >= {from}"), CultureInfo.InvariantCulture);

    [PostgresFact]
    public async Task Prune_DeletesTheOldestPastTheSizeCap_AndVerifyProvesTheRestFromTheCheckpoint()
    {
        await using var store = _database.Store();
        var chain = new PostgresAuditChain(store, "size", _keyFile, TimeProvider.System);
        await AppendAsync(chain, 40);
        var retention = new StoreAuditRetention { MaxAge = null, MaxTotalBytes = await BytesFromAsync("size", 31) };

        var pruning = await PostgresAuditRetention.PruneAsync(store, "size", _keyFile, retention, TimeProvider.System, CancellationToken.None);

        pruning.ShouldBe(new StorePruning(30, 30, 30));
        (await _database.ScalarAsync("SELECT min(seq) FROM audit_entries WHERE tenant = 'size'")).ShouldBe(31L);
        var result = await PostgresAuditVerifier.VerifyAsync(store, "size", _keyFile, CancellationToken.None);
        result.Problem.ShouldBeNull();
        (result.Ok, result.EntriesChecked).ShouldBe((true, 10L));
        result.Note!.ShouldContain("entries 1 to 30 were pruned (30 by retention");
        result.Note!.ShouldContain("it covers entries 31 to 40");

        await AppendAsync(chain, 5);
        (await PostgresAuditRetention.PruneAsync(store, "size", _keyFile, retention, TimeProvider.System, CancellationToken.None)).ShouldBe(new StorePruning(5, 35, 35));
        var again = await PostgresAuditVerifier.VerifyAsync(store, "size", _keyFile, CancellationToken.None);
        again.Problem.ShouldBeNull();
        again.Note!.ShouldContain("it covers entries 36 to 45");
    }

    [PostgresFact]
    public async Task Prune_DeletesEntriesOlderThanMaxAge_ButNeverTheNewest()
    {
        await using var store = _database.Store();
        var clock = new ManualClock(new DateTimeOffset(2026, 3, 1, 0, 0, 0, TimeSpan.Zero));
        var chain = new PostgresAuditChain(store, "age", _keyFile, clock);
        await AppendAsync(chain, 5);
        clock.Advance(TimeSpan.FromDays(10));
        await AppendAsync(chain, 3);
        var retention = new StoreAuditRetention { MaxAge = TimeSpan.FromDays(5), MaxTotalBytes = null };

        (await PostgresAuditRetention.PruneAsync(store, "age", _keyFile, retention, clock, CancellationToken.None)).ShouldBe(new StorePruning(5, 5, 5));
        clock.Advance(TimeSpan.FromDays(30));
        (await PostgresAuditRetention.PruneAsync(store, "age", _keyFile, retention, clock, CancellationToken.None)).ShouldBe(new StorePruning(2, 7, 7));

        (await _database.ScalarAsync("SELECT count(*) FROM audit_entries WHERE tenant = 'age'")).ShouldBe(1L);
        var result = await PostgresAuditVerifier.VerifyAsync(store, "age", _keyFile, CancellationToken.None);
        result.Problem.ShouldBeNull();
        result.Note!.ShouldContain("it covers entries 8 to 8");
        await chain.AppendAsync(Call("after"), CancellationToken.None);
        (await PostgresAuditVerifier.VerifyAsync(store, "age", _keyFile, CancellationToken.None)).Ok.ShouldBeTrue();
    }

    [PostgresFact]
    public async Task Verify_Fails_WhenTheCheckpointIsTampered_AndPruneRefuses()
    {
        await using var store = _database.Store();
        var chain = new PostgresAuditChain(store, "forged", _keyFile, TimeProvider.System);
        await AppendAsync(chain, 12);
        var retention = new StoreAuditRetention { MaxAge = null, MaxTotalBytes = await BytesFromAsync("forged", 7) };
        await PostgresAuditRetention.PruneAsync(store, "forged", _keyFile, retention, TimeProvider.System, CancellationToken.None);

        // Moving the checkpoint on to hide entry 7 would need its MAC: without the key it fails.
        await _database.ScalarAsync("DELETE FROM audit_entries WHERE tenant = 'forged' AND seq = 7");
        var hash7 = (string)(await _database.ScalarAsync("SELECT convert_from(line, 'UTF8')::jsonb->>'prev' FROM audit_entries WHERE tenant = 'forged' AND seq = 8"))!;
        await _database.ScalarAsync($"UPDATE audit_checkpoints SET seq = 7, hash = '{hash7}', entries = 7 WHERE tenant = 'forged'");

        var result = await PostgresAuditVerifier.VerifyAsync(store, "forged", _keyFile, CancellationToken.None);
        result.Ok.ShouldBeFalse();
        result.Problem.ShouldBe("tenant 'forged': the retention checkpoint does not match its MAC: it was edited outside Bastion.");
        var refusal = await Should.ThrowAsync<AuditUnavailableException>(() =>
            PostgresAuditRetention.PruneAsync(store, "forged", _keyFile, new StoreAuditRetention { MaxAge = null, MaxTotalBytes = 1 }, TimeProvider.System, CancellationToken.None));
        refusal.Message.ShouldContain("does not match its MAC");
        (await _database.ScalarAsync("SELECT count(*) FROM audit_entries WHERE tenant = 'forged'")).ShouldBe(5L);
    }

    [PostgresFact]
    public async Task Verify_Fails_WhenTheCheckpointIsDeleted()
    {
        await using var store = _database.Store();
        var chain = new PostgresAuditChain(store, "gone", _keyFile, TimeProvider.System);
        await AppendAsync(chain, 6);
        await PostgresAuditRetention.PruneAsync(store, "gone", _keyFile, new StoreAuditRetention { MaxAge = null, MaxTotalBytes = await BytesFromAsync("gone", 4) }, TimeProvider.System, CancellationToken.None);

        await _database.ScalarAsync("DELETE FROM audit_checkpoints WHERE tenant = 'gone'");

        var result = await PostgresAuditVerifier.VerifyAsync(store, "gone", _keyFile, CancellationToken.None);
        result.Ok.ShouldBeFalse();
        result.Problem.ShouldBe("tenant 'gone' seq 1: missing (the next entry in the store is seq 4); entries were deleted, or the retention checkpoint that covered them was.");
    }

    [PostgresFact]
    public async Task Prune_Refuses_WhenAnEntryToPruneWasChanged()
    {
        await using var store = _database.Store();
        var chain = new PostgresAuditChain(store, "launder", _keyFile, TimeProvider.System);
        await AppendAsync(chain, 6);
        await _database.ScalarAsync("UPDATE audit_entries SET line = convert_to(replace(convert_from(line, 'UTF8'), '\"alice\"', '\"mallory\"'), 'UTF8') WHERE tenant = 'launder' AND seq = 2");

        var refusal = await Should.ThrowAsync<AuditUnavailableException>(() =>
            PostgresAuditRetention.PruneAsync(store, "launder", _keyFile, new StoreAuditRetention { MaxAge = null, MaxTotalBytes = 1 }, TimeProvider.System, CancellationToken.None));

        refusal.Message.ShouldStartWith("Retention did not prune the chain of tenant 'launder': seq 2: hash mismatch");
        (await _database.ScalarAsync("SELECT count(*) FROM audit_entries WHERE tenant = 'launder'")).ShouldBe(6L);
        (await _database.ScalarAsync("SELECT count(*) FROM audit_checkpoints WHERE tenant = 'launder'")).ShouldBe(0L);
    }

    [PostgresFact]
    public async Task Prune_LeavesOneConsistentChain_WhenTwoInstancesPruneAtOnceWhileAppending()
    {
        await using var first = _database.Store();
        await using var second = _database.Store();
        var chains = new[] { new PostgresAuditChain(first, "race", _keyFile, TimeProvider.System), new PostgresAuditChain(second, "race", _keyFile, TimeProvider.System) };
        await AppendAsync(chains[0], 60);
        var retention = new StoreAuditRetention { MaxAge = null, MaxTotalBytes = await BytesFromAsync("race", 51) };

        var appends = Task.WhenAll(Enumerable.Range(0, 40).Select(i => Task.Run(() => chains[i % 2].AppendAsync(Call($"late_{i}"), CancellationToken.None))));
        var prunes = await Task.WhenAll(Enumerable.Range(0, 6).Select(i => Task.Run(() =>
            PostgresAuditRetention.PruneAsync(i % 2 == 0 ? first : second, "race", _keyFile, retention, TimeProvider.System, CancellationToken.None))));
        await appends;

        var checkpointSeq = (long)(await _database.ScalarAsync("SELECT seq FROM audit_checkpoints WHERE tenant = 'race'"))!;
        prunes.Sum(p => p.Pruned).ShouldBe(checkpointSeq);
        (await _database.ScalarAsync("SELECT entries FROM audit_checkpoints WHERE tenant = 'race'")).ShouldBe(checkpointSeq);
        (await _database.ScalarAsync("SELECT min(seq) FROM audit_entries WHERE tenant = 'race'")).ShouldBe(checkpointSeq + 1);
        checkpointSeq.ShouldBeGreaterThanOrEqualTo(50L);
        var result = await PostgresAuditVerifier.VerifyAsync(first, "race", _keyFile, CancellationToken.None);
        result.Problem.ShouldBeNull();
        (result.Ok, result.EntriesChecked).ShouldBe((true, 100L - checkpointSeq));
    }

    [PostgresFact]
    public async Task Chain_AppliesRetentionAfterItsFirstCommit_ThenOnceAnHour()
    {
        await using var store = _database.Store();
        var clock = new ManualClock(new DateTimeOffset(2026, 3, 1, 0, 0, 0, TimeSpan.Zero));
        await AppendAsync(new PostgresAuditChain(store, "served", _keyFile, clock), 4);
        clock.Advance(TimeSpan.FromDays(2));
        var chain = new PostgresAuditChain(store, "served", _keyFile, clock, new StoreAuditRetention { MaxAge = TimeSpan.FromHours(1), MaxTotalBytes = null });

        await chain.AppendAsync(Call("first"), CancellationToken.None);
        (await chain.LastRetention).ShouldBe(new StorePruning(4, 4, 4));
        var ran = chain.LastRetention;
        clock.Advance(TimeSpan.FromMinutes(30));
        await chain.AppendAsync(Call("within the hour"), CancellationToken.None);
        chain.LastRetention.ShouldBeSameAs(ran);
        clock.Advance(TimeSpan.FromHours(1));
        await chain.AppendAsync(Call("an hour later"), CancellationToken.None);
        (await chain.LastRetention).ShouldBe(new StorePruning(1, 5, 5));

        (await PostgresAuditVerifier.VerifyAsync(store, "served", _keyFile, CancellationToken.None)).Note!.ShouldContain("it covers entries 6 to 7");
    }

    [PostgresFact]
    public async Task VerifyCommand_SaysWhatTheCheckpointCovers_AndFailsOnAnEditedOne()
    {
        var dir = Directory.CreateTempSubdirectory("bastion-pg-retention-cli-").FullName;
        var keyFile = Path.Combine(dir, StoreAuditKeys.FileName);
        await StoreAuditKeys.EnsureAsync(keyFile, TimeProvider.System, CancellationToken.None);
        await using var store = _database.Store();
        await AppendAsync(new PostgresAuditChain(store, "cli", keyFile, TimeProvider.System), 9);
        await PostgresAuditRetention.PruneAsync(store, "cli", keyFile, new StoreAuditRetention { MaxAge = null, MaxTotalBytes = await BytesFromAsync("cli", 7) }, TimeProvider.System, CancellationToken.None);

        var verify = await BastionInstance.RunAsync(_database, dir, "audit", "verify", "--store", _database.Url, "--tenant", "cli");
        await _database.ScalarAsync("UPDATE audit_checkpoints SET entries = 5 WHERE tenant = 'cli'");
        var broken = await BastionInstance.RunAsync(_database, dir, "audit", "verify", "--store", _database.Url, "--tenant", "cli");

        verify.ExitCode.ShouldBe(0, verify.Stdout + verify.Stderr);
        verify.Stdout.ShouldContain("ok: tenant 'cli': 3 entries");
        verify.Stdout.ShouldContain("entries 1 to 6 were pruned (6 by retention");
        verify.Stdout.ShouldContain("it covers entries 7 to 9");
        broken.ExitCode.ShouldBe(1);
        broken.Stderr.ShouldContain("BROKEN: tenant 'cli': the retention checkpoint does not match its MAC");
    }

    [Fact]
    public void From_TakesTheFileLogsVariables_AndRejectsWhatItCannotRead()
    {
        StoreAuditRetention.From(_ => null).ShouldBe(new StoreAuditRetention { MaxAge = TimeSpan.FromDays(365), MaxTotalBytes = 1024L * 1024 * 1024 });
        var set = new Dictionary<string, string> { ["BASTION_AUDIT_MAX_AGE"] = "90d", ["BASTION_AUDIT_MAX_BYTES"] = "off", ["BASTION_AUDIT_ARCHIVE_DIR"] = "relative" };
        StoreAuditRetention.From(set.GetValueOrDefault).ShouldBe(new StoreAuditRetention { MaxAge = TimeSpan.FromDays(90), MaxTotalBytes = null });
        Should.Throw<BastionException>(() => StoreAuditRetention.From(name => name == "BASTION_AUDIT_MAX_AGE" ? "soon" : null))
            .Message.ShouldContain("Accepted: a whole number with d, h or m");
    }
}
