using Bastion.Core;
using Bastion.Core.Alerts;
using Bastion.Core.History;
using Microsoft.Data.Sqlite;

namespace Bastion.Store.Sqlite.Tests;

public class SqliteHistoryStoreTests
{
    private static readonly CancellationToken None = CancellationToken.None;

    [Fact]
    public async Task Series_AveragesSamplesOverTheStep_AndKeepsMinAndMax()
    {
        using var f = new StoreFixture();
        await f.WriteMinutesAsync("web-01", 10);

        var series = await f.Store.SeriesAsync(new SeriesQuery("web-01", "cpu.", null, StoreFixture.Start, f.Clock.GetUtcNow(), TimeSpan.FromMinutes(5)), None);

        var busy = series.Single(s => s.Metric == "cpu.busy_percent");
        busy.Points.Select(p => p.Avg).ShouldBe([20, 70]);
        busy.Points.Select(p => p.Max).ShouldBe([40, 90]);
        busy.Points.ShouldAllBe(p => !p.Rollup);
        series.Select(s => s.Metric).ShouldBe(["cpu.busy_percent", "cpu.idle_percent"]);
    }

    [Fact]
    public async Task Series_ReadsRollupsForWholeBuckets_WithTheFiguresOfTheRawSamples_AndRawSamplesAfterThem()
    {
        using var f = new StoreFixture();
        await f.WriteMinutesAsync("web-01", 10);
        var query = new SeriesQuery("web-01", "cpu.busy_percent", "", StoreFixture.Start, StoreFixture.Start.AddMinutes(20), TimeSpan.FromMinutes(5));
        var raw = (await f.Store.SeriesAsync(query, None)).ShouldHaveSingleItem().Points;

        await f.Store.MaintainAsync(None);
        await f.WriteMinutesAsync("web-01", 7);
        var mixed = (await f.Store.SeriesAsync(query, None)).ShouldHaveSingleItem().Points;

        raw.ShouldAllBe(p => !p.Rollup);
        mixed.Take(2).ShouldAllBe(p => p.Rollup, "the two buckets rolled up are read from the rollups");
        mixed.Take(2).Select(p => (p.Time, p.Min, p.Avg, p.Max)).ShouldBe(raw.Select(p => (p.Time, p.Min, p.Avg, p.Max)));
        mixed.Skip(2).ShouldAllBe(p => !p.Rollup, "what came after the rollups is read raw");
        mixed.Skip(2).Select(p => (p.Min, p.Avg, p.Max)).ShouldBe([(0.0, 20.0, 40.0), (50.0, 55.0, 60.0)]);

        // A step that is not whole buckets reads every raw sample, as before.
        var odd = (await f.Store.SeriesAsync(query with { Step = TimeSpan.FromMinutes(7) }, None)).ShouldHaveSingleItem().Points;
        odd.ShouldAllBe(p => !p.Rollup);
        odd.Sum(p => p.Avg).ShouldBeGreaterThan(0);
    }

    [Fact]
    public async Task Series_OfAnUnknownHost_IsEmpty()
    {
        using var f = new StoreFixture();
        await f.WriteMinutesAsync("web-01", 2);
        (await f.Store.SeriesAsync(new SeriesQuery("db-01", "cpu.", null, StoreFixture.Start, f.Clock.GetUtcNow(), TimeSpan.FromMinutes(1)), None)).ShouldBeEmpty();
    }

    [Fact]
    public async Task Maintain_KeepsRawSamplesForTheRawRetention_ThenAnswersFromRollups()
    {
        using var f = new StoreFixture(new HistoryOptions { RawRetention = TimeSpan.FromDays(7), RollupRetention = TimeSpan.FromDays(90) });
        await f.WriteMinutesAsync("web-01", 10);

        f.Clock.Advance(TimeSpan.FromDays(6));
        var early = await f.Store.MaintainAsync(None);
        early.SamplesDeleted.ShouldBe(0);

        f.Clock.Advance(TimeSpan.FromDays(2));
        var late = await f.Store.MaintainAsync(None);
        late.SamplesDeleted.ShouldBe(40, "10 ticks of 4 samples, older than 7 days");

        var series = await f.Store.SeriesAsync(new SeriesQuery("web-01", "cpu.busy_percent", "", StoreFixture.Start, f.Clock.GetUtcNow(), TimeSpan.FromMinutes(5)), None);
        var points = series.ShouldHaveSingleItem().Points;
        points.ShouldAllBe(p => p.Rollup);
        points.Select(p => (p.Min, p.Avg, p.Max)).ShouldBe([(0, 20, 40), (50, 70, 90)]);
        (await f.Store.InfoAsync(None)).RawKeptFrom.ShouldBe(f.Clock.GetUtcNow() - TimeSpan.FromDays(7));
        (await f.Store.ProcessesAsync("web-01", StoreFixture.Start, f.Clock.GetUtcNow(), 10, None)).ShouldBeEmpty("process tops live as long as raw samples");
    }

    [Fact]
    public async Task Maintain_DeletesRollupsAndTicks_AfterTheRollupRetention()
    {
        using var f = new StoreFixture(new HistoryOptions { RawRetention = TimeSpan.FromDays(1), RollupRetention = TimeSpan.FromDays(30) });
        await f.WriteMinutesAsync("web-01", 10);
        await f.Store.MaintainAsync(None);

        f.Clock.Advance(TimeSpan.FromDays(29));
        (await f.Store.MaintainAsync(None)).RollupsDeleted.ShouldBe(0);
        (await f.Store.TicksAsync("web-01", StoreFixture.Start, f.Clock.GetUtcNow(), None)).Count.ShouldBe(10);

        f.Clock.Advance(TimeSpan.FromDays(2));
        (await f.Store.MaintainAsync(None)).RollupsDeleted.ShouldBe(8, "2 buckets x 4 series");
        (await f.Store.TicksAsync("web-01", StoreFixture.Start, f.Clock.GetUtcNow(), None)).ShouldBeEmpty();
        (await f.Store.SeriesAsync(new SeriesQuery("web-01", "cpu.", null, StoreFixture.Start, f.Clock.GetUtcNow(), TimeSpan.FromHours(1)), None)).ShouldBeEmpty();
    }

    [Fact]
    public async Task Maintain_DeletesResolvedAlerts_AfterTheRollupRetention_AndKeepsFiringOnes()
    {
        using var f = new StoreFixture(new HistoryOptions { RawRetention = TimeSpan.FromDays(1), RollupRetention = TimeSpan.FromDays(30) });
        await f.WriteMinutesAsync("web-01", 2);
        using var alerts = new SqliteAlertStore(f.Store.Path);
        AlertEvent Event(string rule) => new(0, rule, "web-01", "warning", AlertEvent.Firing, "cpu.busy_percent", "last over 0s >= 80", 90, f.Clock.GetUtcNow(), null, null);
        var resolved = await alerts.FireAsync(Event("cpu-hot"), None);
        await alerts.ResolveAsync(resolved.Id, f.Clock.GetUtcNow(), 10, None);
        await alerts.FireAsync(Event("disk-full"), None);

        f.Clock.Advance(TimeSpan.FromDays(29));
        await f.Store.MaintainAsync(None);
        (await alerts.ListAsync(new AlertQuery("all", null, null, 10), None)).Total.ShouldBe(2);

        f.Clock.Advance(TimeSpan.FromDays(2));
        await f.Store.MaintainAsync(None);
        (await alerts.ListAsync(new AlertQuery("all", null, null, 10), None)).Alerts.Select(a => a.Rule).ShouldBe(["disk-full"]);
    }

    [Fact]
    public async Task Ticks_RecordUnreachableHosts_WithTheirError()
    {
        using var f = new StoreFixture();
        await f.Store.WriteAsync([HostTick.Missed("web-03", f.Clock.GetUtcNow(), TickStatus.Unreachable, "connection refused")], None);
        var tick = (await f.Store.TicksAsync("web-03", StoreFixture.Start, f.Clock.GetUtcNow().AddSeconds(1), None)).ShouldHaveSingleItem();
        tick.Status.ShouldBe(TickStatus.Unreachable);
        tick.Error.ShouldBe("connection refused");
    }

    [Fact]
    public async Task Store_AfterACrashMidWrite_KeepsEveryCommittedTick_AndLosesOnlyTheOneInFlight()
    {
        using var f = new StoreFixture();
        await f.WriteMinutesAsync("web-01", 3);
        var path = f.Store.Path;

        // A tick in flight: a large write transaction whose pages spill into the WAL, not committed. Copying the files
        // now is what a process killed at this moment leaves on disk.
        var crashed = Path.Combine(f.Directory, "crashed");
        Directory.CreateDirectory(crashed);
        await using (var db = new SqliteConnection($"Data Source={path}"))
        {
            await db.OpenAsync();
            await using var tx = db.BeginTransaction(deferred: false);
            await using var insert = db.CreateCommand();
            insert.Transaction = tx;
            insert.CommandText = "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 200000) INSERT INTO sample_chunks (sid, t0, n, t_last, v_last, data) SELECT 1, 9000000000 + i * 3600, 1, 9000000000 + i * 3600, i, randomblob(8) FROM n; INSERT INTO tick_chunks (host, t0, n, t_last, v_last, data) VALUES (1, 9000000000000, 1, 9000000000000, 0, x'0000');";
            await insert.ExecuteNonQueryAsync();
            File.Exists(path + "-wal").ShouldBeTrue();
            File.Copy(path, Path.Combine(crashed, "history.db"));
            File.Copy(path + "-wal", Path.Combine(crashed, "history.db-wal"));
        }

        using var reopened = new SqliteHistoryStore(Path.Combine(crashed, "history.db"), f.Options, f.Clock);
        var ticks = await reopened.TicksAsync("web-01", StoreFixture.Start, DateTimeOffset.MaxValue.AddDays(-1), None);
        ticks.Count.ShouldBe(3);
        await using var check = new SqliteConnection($"Data Source={Path.Combine(crashed, "history.db")}");
        await check.OpenAsync();
        await using var integrity = check.CreateCommand();
        integrity.CommandText = "PRAGMA integrity_check";
        (await integrity.ExecuteScalarAsync()).ShouldBe("ok");
        await reopened.WriteAsync([StoreFixture.Tick("web-01", f.Clock.GetUtcNow(), 5)], None);
        (await reopened.TicksAsync("web-01", StoreFixture.Start, DateTimeOffset.MaxValue.AddDays(-1), None)).Count.ShouldBe(4);
    }

    [Fact]
    public async Task Store_RefusesADatabase_FromANewerBastion()
    {
        using var f = new StoreFixture();
        await f.WriteMinutesAsync("web-01", 1);
        await using (var db = new SqliteConnection($"Data Source={f.Store.Path}"))
        {
            await db.OpenAsync();
            await using var bump = db.CreateCommand();
            bump.CommandText = "PRAGMA user_version = 99";
            await bump.ExecuteNonQueryAsync();
        }

        using var newer = new SqliteHistoryStore(f.Store.Path, f.Options, f.Clock);
        (await Should.ThrowAsync<BastionException>(() => newer.InfoAsync(None))).Message.ShouldContain("schema version 99");
    }

    [Fact]
    public async Task Store_CreatesAPrivateFile_InWalMode()
    {
        using var f = new StoreFixture();
        await f.WriteMinutesAsync("web-01", 1);
        File.GetUnixFileMode(f.Store.Path).ShouldBe(UnixFileMode.UserRead | UnixFileMode.UserWrite);
        await using var db = new SqliteConnection($"Data Source={f.Store.Path}");
        await db.OpenAsync();
        await using var mode = db.CreateCommand();
        mode.CommandText = "PRAGMA journal_mode";
        (await mode.ExecuteScalarAsync()).ShouldBe("wal");
    }

    [Fact]
    public async Task Connections_MapTheFileUpToSqlitesCeiling()
    {
        using var f = new StoreFixture();
        using var database = new SqliteDatabase(f.Store.Path);
        await using var db = await database.OpenAsync(CancellationToken.None);
        await using var mmap = db.CreateCommand();
        mmap.CommandText = "PRAGMA mmap_size";
        (await mmap.ExecuteScalarAsync()).ShouldBe(SqliteDatabase.MmapSize, "not cut down by the SQLite build: the newest chunks, at the end of a large file, are mapped too");
    }
}
