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
        version.CommandText = "SELECT group_concat(name, ',') FROM pragma_table_info('samples')";
        (await version.ExecuteScalarAsync()).ShouldBe("sid,ts,v");
    }
}
