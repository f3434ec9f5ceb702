using Bastion.Core.History;
using Microsoft.Data.Sqlite;

namespace Bastion.Store.Sqlite.Tests;

/// <summary>A store written by the first schema (REAL values, millisecond times, series shared by hosts) opens with this build, converted.</summary>
public sealed class StoreMigrationTests
{
    private static readonly CancellationToken None = CancellationToken.None;

    [Fact]
    public async Task Store_UpgradesAFirstVersionFile_KeepingItsSamplesRollupsAndTicks()
    {
        using var f = new StoreFixture();
        var start = StoreFixture.Start.ToUnixTimeMilliseconds();
        await using (var db = new SqliteConnection($"Data Source={f.Store.Path}"))
        {
            await db.OpenAsync();
            await using var create = db.CreateCommand();
            // Two hosts sharing the first schema's host-independent series ids; ten minutes of raw samples and one
            // older rollup bucket each, as a version 1 collector left them.
            create.CommandText = SqliteSchema.FirstVersion + $"""
                PRAGMA user_version = 1;
                INSERT INTO hosts (id, name) VALUES (1, 'web-01'), (2, 'web-02');
                INSERT INTO series (id, metric, instance) VALUES (1, 'cpu.busy_percent', ''), (2, 'disk.used_percent', '/');
                WITH RECURSIVE m(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM m WHERE i < 9)
                INSERT INTO samples (host, series, ts, value)
                  SELECT 1, 1, {start} + i * 60000, i * 10 + 0.125 FROM m UNION ALL
                  SELECT 2, 1, {start} + i * 60000, 50.5 FROM m UNION ALL
                  SELECT 1, 2, {start} + i * 60000, 71.25 FROM m;
                WITH RECURSIVE m(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM m WHERE i < 9)
                INSERT INTO ticks (host, ts, status) SELECT h, {start} + i * 60000, 0 FROM m, (SELECT 1 AS h UNION ALL SELECT 2);
                INSERT INTO rollups (host, series, bucket, min, avg, max, n) VALUES (1, 1, {start - 300000}, 1.5, 2.25, 3.5, 5);
                INSERT INTO meta (key, value) VALUES ('pruned_before_ms', '{start}');
                """;
            await create.ExecuteNonQueryAsync();
        }

        SqliteConnection.ClearAllPools();
        using var upgraded = new SqliteHistoryStore(f.Store.Path, f.Options, f.Clock);
        var end = StoreFixture.Start.AddMinutes(10);

        var cpu = (await upgraded.SeriesAsync(new SeriesQuery("web-01", "cpu.", null, StoreFixture.Start.AddMinutes(-5), end, TimeSpan.FromMinutes(5)), None)).ShouldHaveSingleItem();
        cpu.Points.Select(p => (p.Avg, p.Rollup)).ShouldBe([(2.25, true), (20.125, false), (70.125, false)]);
        cpu.Points[0].Max.ShouldBe(3.5);
        var disk = (await upgraded.SeriesAsync(new SeriesQuery("web-01", "disk.used_percent", "/", StoreFixture.Start, end, TimeSpan.FromMinutes(10)), None)).ShouldHaveSingleItem();
        disk.Points.ShouldHaveSingleItem().Avg.ShouldBe(71.25);
        (await upgraded.SeriesAsync(new SeriesQuery("web-02", "cpu.", null, StoreFixture.Start, end, TimeSpan.FromMinutes(10)), None))
            .ShouldHaveSingleItem().Points.ShouldHaveSingleItem().Avg.ShouldBe(50.5);
        (await upgraded.SeriesAsync(new SeriesQuery("web-02", "disk.", null, StoreFixture.Start, end, TimeSpan.FromMinutes(10)), None)).ShouldBeEmpty("web-02 never had a disk series");
        (await upgraded.TicksAsync("web-02", StoreFixture.Start, end, None)).Count.ShouldBe(10);

        // The upgraded file has the new shape and takes new ticks.
        await upgraded.WriteAsync([StoreFixture.Tick("web-02", end, 12.5)], None);
        (await upgraded.SeriesAsync(new SeriesQuery("web-02", "cpu.busy_percent", "", end, end.AddMinutes(1), TimeSpan.FromMinutes(1)), None))
            .ShouldHaveSingleItem().Points.ShouldHaveSingleItem().Avg.ShouldBe(12.5);
        await using var check = new SqliteConnection($"Data Source={f.Store.Path}");
        await check.OpenAsync();
        await using var version = check.CreateCommand();
        version.CommandText = "PRAGMA user_version";
        (await version.ExecuteScalarAsync()).ShouldBe((long)SqliteSchema.Version);
        version.CommandText = "SELECT group_concat(name, ',') FROM pragma_table_info('sample_chunks')";
        (await version.ExecuteScalarAsync()).ShouldBe("sid,t0,n,t_last,v_last,data");
        version.CommandText = "SELECT count(*) FROM sqlite_master WHERE name IN ('samples', 'rollups')";
        (await version.ExecuteScalarAsync()).ShouldBe(0L, "the row-per-sample tables are gone");
    }

    [Fact]
    public async Task Store_UpgradesAVersion3File_IntoChunks_WithIdenticalAnswers()
    {
        using var f = new StoreFixture();
        // Version 3 rows: two hours and a half of one series with a gap and a counter reset, split at hour boundaries
        // by the conversion; rollups over two days; then the same questions asked of the converted store.
        var start = StoreFixture.Start.ToUnixTimeSeconds();
        await using (var db = new SqliteConnection($"Data Source={f.Store.Path}"))
        {
            await db.OpenAsync();
            await using var create = db.CreateCommand();
            create.CommandText = SqliteSchema.UpTo(3) + $"""
                PRAGMA user_version = 3;
                INSERT INTO hosts (id, name) VALUES (1, 'web-01');
                INSERT INTO series (id, host, metric, instance) VALUES (1, 1, 'net.rx_bytes', 'eth0'), (2, 1, 'cpu.busy_percent', '');
                WITH RECURSIVE m(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM m WHERE i < 149)
                INSERT INTO samples (sid, ts, v) SELECT 1, {start} + i * 60, CASE WHEN i < 100 THEN 5000000000000 + i * 7001 ELSE i - 100 END FROM m WHERE i NOT BETWEEN 40 AND 69;
                WITH RECURSIVE m(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM m WHERE i < 149)
                INSERT INTO ticks (host, ts, status) SELECT 1, ({start} + i * 60) * 1000, 0 FROM m;
                WITH RECURSIVE b(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM b WHERE i < 575)
                INSERT INTO rollups (sid, ts, mn, av, mx, n) SELECT 2, {start - 172800} + i * 300, i, i * 2, i * 3 + 1, 5 FROM b;
                INSERT INTO meta (key, value) VALUES ('rolled_up_to_ms', '{start * 1000}');
                """;
            await create.ExecuteNonQueryAsync();
        }

        SqliteConnection.ClearAllPools();
        using var upgraded = new SqliteHistoryStore(f.Store.Path, f.Options, f.Clock);

        var rx = (await upgraded.SeriesAsync(new SeriesQuery("web-01", "net.", null, StoreFixture.Start, StoreFixture.Start.AddHours(3), TimeSpan.FromMinutes(1)), None)).ShouldHaveSingleItem();
        rx.Points.Count.ShouldBe(120, "150 minutes less the 30 of the gap");
        rx.Points[0].Avg.ShouldBe(5_000_000_000);
        rx.Points[39].Avg.ShouldBe(5_000_000_000 + (39 * 7.001), 1e-6);
        rx.Points[40].Time.ShouldBe(StoreFixture.Start.AddMinutes(70), "the gap stays a gap");
        rx.Points[69].Avg.ShouldBe(5_000_000_000 + (99 * 7.001), 1e-6);
        rx.Points[70].Avg.ShouldBe(0, "the counter reset reads back as written");
        rx.Points[^1].Avg.ShouldBe(0.049);
        var cpu = (await upgraded.SeriesAsync(new SeriesQuery("web-01", "cpu.busy_percent", "", StoreFixture.Start.AddDays(-2), StoreFixture.Start, TimeSpan.FromMinutes(5)), None)).ShouldHaveSingleItem();
        cpu.Points.Count.ShouldBe(576);
        cpu.Points.ShouldAllBe(p => p.Rollup);
        cpu.Points[300].Time.ShouldBe(StoreFixture.Start.AddDays(-2).AddMinutes(1500));
        (cpu.Points[300].Min, cpu.Points[300].Avg, cpu.Points[300].Max).ShouldBe((0.3, 0.6, 0.901));
        var rows = (await upgraded.RowsAsync(None))!;
        (rows.Samples, rows.Rollups, rows.Ticks).ShouldBe((120L, 576L, 150L));
    }

    [Fact]
    public async Task Store_UpgradesAVersion4File_IntoTickChunks_WithIdenticalTicksCoverageAndErrors()
    {
        using var f = new StoreFixture();
        // Version 4 ticks: web-01 every minute for 150 minutes with ten unreachable ones (each with its error) and a
        // ticks-free half hour; web-02 two ticks, one a timeout without text. Ticks of the same host-hour become one row.
        var start = StoreFixture.Start.ToUnixTimeMilliseconds();
        await using (var db = new SqliteConnection($"Data Source={f.Store.Path}"))
        {
            await db.OpenAsync();
            await using var create = db.CreateCommand();
            create.CommandText = SqliteSchema.UpTo(4) + $"""
                PRAGMA user_version = 4;
                INSERT INTO hosts (id, name) VALUES (1, 'web-01'), (2, 'web-02');
                WITH RECURSIVE m(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM m WHERE i < 149)
                INSERT INTO ticks (host, ts, status, error)
                  SELECT 1, {start} + i * 60000, CASE WHEN i BETWEEN 10 AND 19 THEN 1 ELSE 0 END, CASE WHEN i BETWEEN 10 AND 19 THEN 'Connection refused ' || i END
                  FROM m WHERE i NOT BETWEEN 100 AND 129;
                INSERT INTO ticks (host, ts, status, error) VALUES (2, {start + 1500}, 0, NULL), (2, {start + 7_200_000}, 2, NULL);
                """;
            await create.ExecuteNonQueryAsync();
        }

        SqliteConnection.ClearAllPools();
        using var upgraded = new SqliteHistoryStore(f.Store.Path, f.Options, f.Clock);
        var end = StoreFixture.Start.AddHours(3);

        var ticks = await upgraded.TicksAsync("web-01", StoreFixture.Start, end, None);
        ticks.Count.ShouldBe(120);
        ticks.Where(t => t.Status == TickStatus.Unreachable).Select(t => t.Error).ShouldBe(Enumerable.Range(10, 10).Select(i => $"Connection refused {i}"));
        ticks.Where(t => t.Status == TickStatus.Ok).ShouldAllBe(t => t.Error == null);
        ticks[100].Time.ShouldBe(StoreFixture.Start.AddMinutes(130), "the gap stays a gap");
        var both = await upgraded.TicksOfHostsAsync(["web-01", "web-02", "db-09"], StoreFixture.Start.AddMinutes(30), StoreFixture.Start.AddMinutes(121), None);
        both["web-01"].Count.ShouldBe(70);
        both["web-02"].Select(t => (t.Time, t.Status, t.Error)).ShouldBe([(StoreFixture.Start.AddHours(2), TickStatus.TimedOut, (string?)null)]);
        both["db-09"].ShouldBeEmpty();
        var runs = (await upgraded.TickRunsOfHostsAsync(["web-01"], StoreFixture.Start, end, TimeSpan.FromMinutes(2.5), None))["web-01"];
        (runs.Ticks, runs.MedianSpacing).ShouldBe((120, TimeSpan.FromMinutes(1)));
        runs.Runs.Select(r => (r.From, r.To)).ShouldBe([(StoreFixture.Start, StoreFixture.Start.AddMinutes(99)), (StoreFixture.Start.AddMinutes(130), StoreFixture.Start.AddMinutes(149))]);
        var info = await upgraded.InfoAsync(None);
        (info.Oldest, info.Newest).ShouldBe((StoreFixture.Start, StoreFixture.Start.AddMinutes(149)));
        (await upgraded.RowsAsync(None))!.Ticks.ShouldBe(122L);

        await using var check = new SqliteConnection($"Data Source={f.Store.Path}");
        await check.OpenAsync();
        await using var query = check.CreateCommand();
        query.CommandText = "SELECT count(*) FROM sqlite_master WHERE name = 'ticks'";
        (await query.ExecuteScalarAsync()).ShouldBe(0L, "the row-per-tick table is gone");
        query.CommandText = "SELECT count(*) FROM tick_chunks";
        (await query.ExecuteScalarAsync()).ShouldBe(5L, "web-01's three hours, web-02's two");
    }
}
