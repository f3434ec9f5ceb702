using System.Globalization;
using System.Text.Json;
using Bastion.Core;
using Bastion.Core.History;
using Microsoft.Data.Sqlite;

namespace Bastion.Store.Sqlite;

/// <summary>
/// The embedded history store: one SQLite file (<c>history.db</c>, mode 0600) in the data directory, in WAL mode so
/// readers never wait for the writer, with <c>synchronous=NORMAL</c>: a committed tick survives a crash of the process,
/// and a tick cut short by one is rolled back whole. Rows are narrow (host id, series id, time in ms, value) under a
/// primary key of (host, series, time), so a range query reads one contiguous stretch of the index per series. Nothing
/// is opened until the first call.
/// </summary>
public sealed class SqliteHistoryStore(string path, HistoryOptions options, TimeProvider clock) : IHistoryStore, IDisposable
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);
    private static readonly long BucketMs = (long)HistoryOptions.RollupBucket.TotalMilliseconds;

    private readonly SemaphoreSlim _open = new(1, 1);
    private readonly Dictionary<string, long> _hosts = new(StringComparer.Ordinal);
    private readonly Dictionary<(string, string), long> _series = [];
    private string? _connectionString;

    /// <summary>The database file.</summary>
    public string Path { get; } = path;

    public async Task WriteAsync(IReadOnlyList<HostTick> ticks, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(ticks);
        await using var db = await OpenAsync(cancellationToken);
        await using var tx = db.BeginTransaction(deferred: false);
        await using var tick = Command(db, tx, "INSERT OR REPLACE INTO ticks (host, ts, status, error) VALUES ($h, $t, $s, $e)");
        await using var sample = Command(db, tx, "INSERT OR REPLACE INTO samples (host, series, ts, value) VALUES ($h, $k, $t, $v)");
        await using var procs = Command(db, tx, "INSERT OR REPLACE INTO processes (host, ts, top) VALUES ($h, $t, $p)");
        foreach (var t in ticks)
        {
            var host = await HostIdAsync(db, tx, t.Host, cancellationToken);
            var ts = t.Time.ToUnixTimeMilliseconds();
            await ExecAsync(tick, cancellationToken, ("$h", host), ("$t", ts), ("$s", (int)t.Status), ("$e", (object?)t.Error ?? DBNull.Value));
            foreach (var v in t.Values)
            {
                var series = await SeriesIdAsync(db, tx, v.Metric, v.Instance, cancellationToken);
                await ExecAsync(sample, cancellationToken, ("$h", host), ("$k", series), ("$t", ts), ("$v", v.Value));
            }

            if (t.TopByCpu.Count + t.TopByRss.Count > 0)
            {
                await ExecAsync(procs, cancellationToken, ("$h", host), ("$t", ts), ("$p", JsonSerializer.Serialize(new TopJson(t.TopByCpu, t.TopByRss), Json)));
            }
        }

        await tx.CommitAsync(cancellationToken);
    }

    public async Task SetSampleIntervalAsync(TimeSpan interval, CancellationToken cancellationToken)
    {
        await using var db = await OpenAsync(cancellationToken);
        await SetMetaAsync(db, null, "interval_ms", ((long)interval.TotalMilliseconds).ToString(CultureInfo.InvariantCulture), cancellationToken);
    }

    public async Task<HistoryStoreInfo> InfoAsync(CancellationToken cancellationToken)
    {
        await using var db = await OpenAsync(cancellationToken);
        var interval = await GetMetaAsync(db, "interval_ms", cancellationToken);
        var prunedBefore = await GetMetaAsync(db, "pruned_before_ms", cancellationToken) ?? 0;
        await using var range = Command(db, null, "SELECT min(ts), max(ts) FROM ticks");
        await using var reader = await range.ExecuteReaderAsync(cancellationToken);
        await reader.ReadAsync(cancellationToken);
        DateTimeOffset? At(int i) => reader.IsDBNull(i) ? null : DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(i));
        var size = new[] { Path, Path + "-wal" }.Where(File.Exists).Sum(f => new FileInfo(f).Length);
        return new HistoryStoreInfo(Path, size, interval is { } ms ? TimeSpan.FromMilliseconds(ms) : null, At(0), At(1), DateTimeOffset.FromUnixTimeMilliseconds(prunedBefore));
    }

    public async Task<IReadOnlyList<TickRecord>> TicksAsync(string host, DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken)
    {
        await using var db = await OpenAsync(cancellationToken);
        await using var cmd = Command(db, null, "SELECT t.ts, t.status, t.error FROM ticks t JOIN hosts h ON h.id = t.host WHERE h.name = $n AND t.ts >= $f AND t.ts < $u ORDER BY t.ts");
        Bind(cmd, ("$n", host), ("$f", from.ToUnixTimeMilliseconds()), ("$u", to.ToUnixTimeMilliseconds()));
        var result = new List<TickRecord>();
        await using var reader = await cmd.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            result.Add(new TickRecord(DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(0)), (TickStatus)reader.GetInt32(1), reader.IsDBNull(2) ? null : reader.GetString(2)));
        }

        return result;
    }

    public async Task<IReadOnlyList<StoredSeries>> SeriesAsync(SeriesQuery query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        await using var db = await OpenAsync(cancellationToken);
        var rawFrom = await GetMetaAsync(db, "pruned_before_ms", cancellationToken) ?? 0;
        var (from, to) = (query.From.ToUnixTimeMilliseconds(), query.To.ToUnixTimeMilliseconds());
        var step = Math.Max(1000, (long)query.Step.TotalMilliseconds);
        var prefix = query.MetricPrefix.EndsWith('.') ? "s.metric >= $m AND s.metric < $m2" : "s.metric = $m";
        var instance = query.Instance is null ? string.Empty : " AND s.instance = $i";
        // Raw samples where they are kept; rollups (weighted by their sample counts) for the part of the window before.
        var sql = $"""
            SELECT s.metric, s.instance, b, avg, mn, mx, rollup FROM (
              SELECT d.series, (d.ts / $step) * $step AS b, avg(d.value) AS avg, min(d.value) AS mn, max(d.value) AS mx, 0 AS rollup
              FROM samples d WHERE d.host = $h AND d.series IN (SELECT s.id FROM series s WHERE {prefix}{instance})
                AND d.ts >= max($f, $raw) AND d.ts < $u GROUP BY d.series, b
              UNION ALL
              SELECT r.series, (r.bucket / $step) * $step AS b, sum(r.avg * r.n) / sum(r.n), min(r.min), max(r.max), 1
              FROM rollups r WHERE r.host = $h AND r.series IN (SELECT s.id FROM series s WHERE {prefix}{instance})
                AND r.bucket >= $f AND r.bucket < min($u, $raw) GROUP BY r.series, b
            ) x JOIN series s ON s.id = x.series ORDER BY s.metric, s.instance, b
            """;
        await using var cmd = Command(db, null, sql);
        Bind(cmd, ("$h", await FindHostAsync(db, query.Host, cancellationToken) ?? -1), ("$m", query.MetricPrefix), ("$m2", query.MetricPrefix[..^1] + (char)(query.MetricPrefix[^1] + 1)),
            ("$i", (object?)query.Instance ?? DBNull.Value), ("$f", from), ("$u", to), ("$raw", rawFrom), ("$step", step));
        var result = new List<StoredSeries>();
        List<StoredPoint>? points = null;
        (string, string)? current = null;
        await using var reader = await cmd.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            var key = (reader.GetString(0), reader.GetString(1));
            if (current != key)
            {
                points = [];
                result.Add(new StoredSeries(key.Item1, key.Item2, points));
                current = key;
            }

            points!.Add(new StoredPoint(DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(2)), reader.GetDouble(3), reader.GetDouble(4), reader.GetDouble(5), reader.GetInt32(6) == 1));
        }

        return result;
    }

    public async Task<IReadOnlyList<ProcessesAt>> ProcessesAsync(string host, DateTimeOffset from, DateTimeOffset to, int limit, CancellationToken cancellationToken)
    {
        await using var db = await OpenAsync(cancellationToken);
        await using var cmd = Command(db, null, "SELECT p.ts, p.top FROM processes p JOIN hosts h ON h.id = p.host WHERE h.name = $n AND p.ts >= $f AND p.ts < $u ORDER BY p.ts DESC LIMIT $l");
        Bind(cmd, ("$n", host), ("$f", from.ToUnixTimeMilliseconds()), ("$u", to.ToUnixTimeMilliseconds()), ("$l", limit));
        var result = new List<ProcessesAt>();
        await using var reader = await cmd.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            var top = JsonSerializer.Deserialize<TopJson>(reader.GetString(1), Json) ?? new TopJson([], []);
            result.Add(new ProcessesAt(DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(0)), top.Cpu, top.Rss));
        }

        return result;
    }

    public async Task<MaintenanceResult> MaintainAsync(CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow().ToUnixTimeMilliseconds();
        var complete = now / BucketMs * BucketMs;
        var rawCutoff = now - (long)options.RawRetention.TotalMilliseconds;
        var rollupCutoff = now - (long)options.RollupRetention.TotalMilliseconds;
        await using var db = await OpenAsync(cancellationToken);
        await using var tx = db.BeginTransaction(deferred: false);
        var rolled = await GetMetaAsync(db, "rolled_up_to_ms", cancellationToken, tx) ?? 0;
        if (complete > rolled)
        {
            await using var rollup = Command(db, tx, """
                INSERT OR REPLACE INTO rollups (host, series, bucket, min, avg, max, n)
                SELECT host, series, (ts / $b) * $b, min(value), avg(value), max(value), count(*)
                FROM samples WHERE ts >= $from AND ts < $to GROUP BY host, series, (ts / $b) * $b
                """);
            await ExecAsync(rollup, cancellationToken, ("$b", BucketMs), ("$from", rolled / BucketMs * BucketMs), ("$to", complete));
            await SetMetaAsync(db, tx, "rolled_up_to_ms", complete.ToString(CultureInfo.InvariantCulture), cancellationToken);
        }

        // Raw samples go only once they are rolled up.
        var rawBefore = Math.Min(rawCutoff, Math.Max(rolled, complete));
        await using var deleteSamples = Command(db, tx, "DELETE FROM samples WHERE ts < $c");
        var samples = await ExecAsync(deleteSamples, cancellationToken, ("$c", rawBefore));
        await using var deleteProcesses = Command(db, tx, "DELETE FROM processes WHERE ts < $c");
        await ExecAsync(deleteProcesses, cancellationToken, ("$c", rawBefore));
        await using var deleteRollups = Command(db, tx, "DELETE FROM rollups WHERE bucket < $c");
        var rollups = await ExecAsync(deleteRollups, cancellationToken, ("$c", rollupCutoff));
        await using var deleteTicks = Command(db, tx, "DELETE FROM ticks WHERE ts < $c");
        await ExecAsync(deleteTicks, cancellationToken, ("$c", rollupCutoff));
        if (rawBefore > (await GetMetaAsync(db, "pruned_before_ms", cancellationToken, tx) ?? 0))
        {
            await SetMetaAsync(db, tx, "pruned_before_ms", rawBefore.ToString(CultureInfo.InvariantCulture), cancellationToken);
        }

        await tx.CommitAsync(cancellationToken);
        return new MaintenanceResult(DateTimeOffset.FromUnixTimeMilliseconds(Math.Max(rolled, complete)), samples, rollups);
    }

    /// <summary>Releases the open lock; pooled connections close with the process (or <see cref="SqliteConnection.ClearAllPools"/>).</summary>
    public void Dispose() => _open.Dispose();

    private async Task<SqliteConnection> OpenAsync(CancellationToken cancellationToken)
    {
        if (_connectionString is null)
        {
            await _open.WaitAsync(cancellationToken);
            try
            {
                if (_connectionString is null)
                {
                    var connectionString = await SqliteSchema.CreateAsync(Path, cancellationToken);
                    _connectionString = connectionString;
                }
            }
            finally
            {
                _open.Release();
            }
        }

        var db = new SqliteConnection(_connectionString);
        await db.OpenAsync(cancellationToken);
        await using var pragma = Command(db, null, "PRAGMA synchronous=NORMAL; PRAGMA busy_timeout=10000;");
        await pragma.ExecuteNonQueryAsync(cancellationToken);
        return db;
    }

    private async Task<long> HostIdAsync(SqliteConnection db, SqliteTransaction tx, string name, CancellationToken cancellationToken)
    {
        lock (_hosts)
        {
            if (_hosts.TryGetValue(name, out var id))
            {
                return id;
            }
        }

        await using var insert = Command(db, tx, "INSERT OR IGNORE INTO hosts (name) VALUES ($n); SELECT id FROM hosts WHERE name = $n");
        Bind(insert, ("$n", name));
        var found = (long)(await insert.ExecuteScalarAsync(cancellationToken))!;
        lock (_hosts)
        {
            _hosts[name] = found;
        }

        return found;
    }

    private async Task<long> SeriesIdAsync(SqliteConnection db, SqliteTransaction tx, string metric, string instance, CancellationToken cancellationToken)
    {
        lock (_series)
        {
            if (_series.TryGetValue((metric, instance), out var id))
            {
                return id;
            }
        }

        await using var insert = Command(db, tx, "INSERT OR IGNORE INTO series (metric, instance) VALUES ($m, $i); SELECT id FROM series WHERE metric = $m AND instance = $i");
        Bind(insert, ("$m", metric), ("$i", instance));
        var found = (long)(await insert.ExecuteScalarAsync(cancellationToken))!;
        lock (_series)
        {
            _series[(metric, instance)] = found;
        }

        return found;
    }

    private static async Task<long?> FindHostAsync(SqliteConnection db, string name, CancellationToken cancellationToken)
    {
        await using var cmd = Command(db, null, "SELECT id FROM hosts WHERE name = $n");
        Bind(cmd, ("$n", name));
        return await cmd.ExecuteScalarAsync(cancellationToken) is long id ? id : null;
    }

    private static async Task<long?> GetMetaAsync(SqliteConnection db, string key, CancellationToken cancellationToken, SqliteTransaction? tx = null)
    {
        await using var cmd = Command(db, tx, "SELECT value FROM meta WHERE key = $k");
        Bind(cmd, ("$k", key));
        return await cmd.ExecuteScalarAsync(cancellationToken) is string s && long.TryParse(s, CultureInfo.InvariantCulture, out var v) ? v : null;
    }

    private static async Task SetMetaAsync(SqliteConnection db, SqliteTransaction? tx, string key, string value, CancellationToken cancellationToken)
    {
        await using var cmd = Command(db, tx, "INSERT OR REPLACE INTO meta (key, value) VALUES ($k, $v)");
        await ExecAsync(cmd, cancellationToken, ("$k", key), ("$v", value));
    }

    private static SqliteCommand Command(SqliteConnection db, SqliteTransaction? tx, string sql)
    {
        var cmd = db.CreateCommand();
        cmd.CommandText = sql;
        cmd.Transaction = tx;
        return cmd;
    }

    private static void Bind(SqliteCommand cmd, params (string Name, object Value)[] values)
    {
        cmd.Parameters.Clear();
        foreach (var (name, value) in values)
        {
            cmd.Parameters.AddWithValue(name, value);
        }
    }

    private static Task<int> ExecAsync(SqliteCommand cmd, CancellationToken cancellationToken, params (string Name, object Value)[] values)
    {
        Bind(cmd, values);
        return cmd.ExecuteNonQueryAsync(cancellationToken);
    }
}
