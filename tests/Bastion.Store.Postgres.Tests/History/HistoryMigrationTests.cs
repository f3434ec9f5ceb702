using System.Globalization;
using System.Text.Json;
using Bastion.Core.Alerts;
using Bastion.Core.History;
using Bastion.Store.Postgres.History;
using Bastion.Store.Sqlite;

namespace Bastion.Store.Postgres.Tests.History;

/// <summary>
/// <c>bastion migrate --from DIR</c> (a real process) with a collected <c>history.db</c> in DIR: the tenant's history in the
/// shared store then answers the history queries as the SQLite file does, a rerun adds nothing, and a run cut short
/// (rows missing in the store) is completed by the next.
/// </summary>
public sealed class HistoryMigrationTests(TestDatabase database) : IClassFixture<TestDatabase>
{
    private static readonly DateTimeOffset Start = new(2026, 11, 20, 0, 0, 0, TimeSpan.Zero);
    private static readonly CancellationToken None = CancellationToken.None;
    private static readonly HistoryOptions Options = new() { RawRetention = TimeSpan.FromDays(1), RollupRetention = TimeSpan.FromDays(90) };

    private async Task<long> CountAsync(string sql) => Convert.ToInt64(await database.ScalarAsync(sql), CultureInfo.InvariantCulture);

    private static HostTick Tick(string host, DateTimeOffset at, int i) =>
        new(host, at, TickStatus.Ok, null,
            [new MetricValue("cpu.busy_percent", "", i % 17 * 5.5), new MetricValue("mem.used_percent", "", 40 + (i % 7)), new MetricValue("disk.used_percent", "/", 60 + (i / 100 % 10) * 0.125)],
            [new ProcessSample(42, "busy", i % 17, 1000)],
            [new ProcessSample(7, "big", 1, 5000 + i)]);

    /// <summary>Two hosts, a tick a minute for 2 days (the first day rolled up and its raw samples pruned), a missed tick, one resolved and one firing alert.</summary>
    private static async Task<(string Directory, ManualClock Clock)> CollectAsync()
    {
        var dir = Directory.CreateTempSubdirectory("bastion-pg-histmig-").FullName;
        var path = Path.Combine(dir, SqliteStoreSetup.HistoryFile);
        var clock = new ManualClock(Start);
        using (var history = new SqliteHistoryStore(path, Options, clock))
        {
            await history.SetSampleIntervalAsync(TimeSpan.FromMinutes(1), None);
            for (var hour = 0; hour < 48; hour++)
            {
                var batch = new List<HostTick>();
                for (var m = 0; m < 60; m++)
                {
                    var i = hour * 60 + m;
                    batch.Add(Tick("web-01", clock.GetUtcNow(), i));
                    batch.Add(i == 1500 ? HostTick.Missed("db-01", clock.GetUtcNow(), TickStatus.Unreachable, "connection refused") : Tick("db-01", clock.GetUtcNow(), i + 3));
                    clock.Advance(TimeSpan.FromMinutes(1));
                }

                await history.WriteAsync(batch, None);
                if (hour % 6 == 5)
                {
                    await history.MaintainAsync(None);
                }
            }
        }

        using var alerts = new SqliteAlertStore(path);
        var fired = await alerts.FireAsync(new AlertEvent(0, "disk-full", "web-01", "warning", AlertEvent.Firing, "disk.used_percent[/]", "min over 10m >= 60", 60.5, Start.AddHours(3), null, null), None);
        await alerts.ResolveAsync(fired.Id, Start.AddHours(4), 59, None);
        await alerts.FireAsync(new AlertEvent(0, "cpu-hot", "db-01", "critical", AlertEvent.Firing, "cpu.busy_percent", "avg over 5m > 80", 85, Start.AddHours(40), null, null), None);
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        return (dir, clock);
    }

    /// <summary>What the history tools read, from <paramref name="history"/> and <paramref name="alerts"/>, as JSON to compare.</summary>
    private static async Task<string> AnswersAsync(IHistoryStore history, IAlertStore alerts, DateTimeOffset now)
    {
        var answers = new List<object>();
        foreach (var host in new[] { "web-01", "db-01" })
        {
            foreach (var step in new[] { TimeSpan.FromMinutes(5), TimeSpan.FromHours(1), TimeSpan.FromMinutes(1) })
            {
                foreach (var prefix in new[] { "cpu.", "mem.", "disk." })
                {
                    answers.Add(await history.SeriesAsync(new SeriesQuery(host, prefix, null, Start, now, step), None));
                }
            }

            answers.Add(await history.TicksAsync(host, Start, now, None));
            answers.Add(await history.ProcessesAsync(host, Start, now, 5000, None));
        }

        answers.Add(await history.SeriesOfHostsAsync(["db-01", "web-01"], "disk.used_percent", "/", Start.AddHours(12), now, TimeSpan.FromMinutes(30), None));
        answers.Add((await history.InfoAsync(None)) with { Location = "", SizeBytes = 0 });
        answers.Add(await alerts.ListAsync(new AlertQuery(AlertEvent.Firing, null, null, 100), None) is var firing ? firing.Alerts.Select(a => a with { Id = 0 }).ToList() : null!);
        answers.Add(await alerts.ListAsync(new AlertQuery(AlertEvent.Resolved, null, null, 100), None) is var resolved ? resolved.Alerts.Select(a => a with { Id = 0 }).ToList() : null!);
        // Values, times and counts must match; the Rollup flag is left out: between pruned_before and rolled_up_to the
        // SQLite store answers a bucket-multiple step from rollups and the PostgreSQL one from the raw samples (same figures).
        return JsonSerializer.Serialize(answers).Replace(",\"Rollup\":true", "", StringComparison.Ordinal).Replace(",\"Rollup\":false", "", StringComparison.Ordinal);
    }

    [PostgresFact]
    public async Task Migrate_CopiesHistoryDb_SoTheStoreAnswersAsSqliteDoes_AndASecondRunChangesNothing()
    {
        var (dir, clock) = await CollectAsync();
        var path = Path.Combine(dir, SqliteStoreSetup.HistoryFile);
        var before = File.GetLastWriteTimeUtc(path);

        var first = await BastionInstance.RunAsync(database, dir, "migrate", "--from", dir, "--store", database.Url);
        var second = await BastionInstance.RunAsync(database, dir, "migrate", "--from", dir, "--store", database.Url);

        first.ExitCode.ShouldBe(0, first.Stdout + first.Stderr);
        first.Stdout.ShouldContain("history (tenant 'default'): added 5760 of 5760 tick(s), 6 of 6 series");
        first.Stdout.ShouldContain("2 of 2 alert(s)");
        second.ExitCode.ShouldBe(0, second.Stdout + second.Stderr);
        second.Stdout.ShouldContain("history (tenant 'default'): added 0 of 5760 tick(s), 0 of 6 series, 0 of ");
        second.Stdout.ShouldContain("Nothing changed");
        File.GetLastWriteTimeUtc(path).ShouldBe(before);
        (await CountAsync("SELECT count(*) FROM history_ticks WHERE tenant = 'default'")).ShouldBe(5760);
        (await CountAsync("SELECT count(*) FROM history_rollups")).ShouldBeGreaterThan(0);

        using var sqlite = new SqliteHistoryStore(path, Options, clock);
        using var sqliteAlerts = new SqliteAlertStore(path);
        await using var store = database.Store();
        var shared = new PostgresHistoryStore(store, "default", Options, clock);
        var expected = await AnswersAsync(sqlite, sqliteAlerts, clock.GetUtcNow());
        var actual = await AnswersAsync(shared, new PostgresAlertStore(store, "default"), clock.GetUtcNow());
        actual.ShouldBe(expected);
        (await AnswersAsync(new PostgresHistoryStore(store, "globex", Options, clock), new PostgresAlertStore(store, "globex"), clock.GetUtcNow())).ShouldNotBe(expected);

        var doctor = await BastionInstance.RunAsync(database, dir, "doctor", "--store", database.Url);
        // The table wraps long details: compare with the box drawing and line breaks taken out.
        var text = string.Concat(doctor.Stdout.Where(c => !char.IsWhiteSpace(c) && c is not ('│' or '─' or '┼' or '├' or '┤' or '┌' or '┐' or '└' or '┘' or '┬' or '┴')));
        text.ShouldContain("storehistory'default'");
        text.ShouldContain("5760ticks,6series,");
        text.ShouldContain("oldesttick2026-11-2000:00:00Z,newest2026-11-2123:59:00Z");
    }

    [PostgresFact]
    public async Task Migrate_CompletesWhatAnInterruptedRunLeftOut_ByKey()
    {
        var (dir, clock) = await CollectAsync();
        var tenant = "acme";
        (await BastionInstance.RunAsync(database, dir, "migrate", "--from", dir, "--tenant", tenant, "--store", database.Url)).ExitCode.ShouldBe(0);
        // What a run stopped midway leaves: later batches absent.
        await database.ScalarAsync($"DELETE FROM history_ticks WHERE tenant = '{tenant}' AND host = 'db-01'");
        await database.ScalarAsync($"DELETE FROM history_samples WHERE series IN (SELECT id FROM history_series WHERE tenant = '{tenant}' AND host = 'web-01') AND ts % 2 = 0");
        await database.ScalarAsync($"DELETE FROM history_alerts WHERE tenant = '{tenant}' AND ended IS NULL");

        var rerun = await BastionInstance.RunAsync(database, dir, "migrate", "--from", dir, "--tenant", tenant, "--store", database.Url);

        rerun.ExitCode.ShouldBe(0, rerun.Stdout + rerun.Stderr);
        rerun.Stdout.ShouldContain($"history (tenant '{tenant}'): added 2880 of 5760 tick(s), 0 of 6 series");
        rerun.Stdout.ShouldContain("1 of 2 alert(s)");
        var path = Path.Combine(dir, SqliteStoreSetup.HistoryFile);
        using var sqlite = new SqliteHistoryStore(path, Options, clock);
        using var sqliteAlerts = new SqliteAlertStore(path);
        await using var store = database.Store();
        (await AnswersAsync(new PostgresHistoryStore(store, tenant, Options, clock), new PostgresAlertStore(store, tenant), clock.GetUtcNow()))
            .ShouldBe(await AnswersAsync(sqlite, sqliteAlerts, clock.GetUtcNow()));
    }
}
