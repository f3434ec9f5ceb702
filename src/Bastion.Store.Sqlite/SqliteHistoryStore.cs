using System.Globalization;
using System.Text.Json;
using Bastion.Core;
using Bastion.Core.History;
using Microsoft.Data.Sqlite;

namespace Bastion.Store.Sqlite;

/// <summary>
/// The embedded history store: one SQLite file (<c>history.db</c>, mode 0600) in the data directory, in WAL mode so
/// readers never wait for the writer, with <c>synchronous=NORMAL</c>: a committed tick survives a crash of the process,
/// and a tick cut short by one is rolled back whole. Samples are kept in chunks (schema version 4): one row per series
/// (one host's metric and instance) and clock hour, holding that hour's (time in seconds, value in thousandths) pairs
/// delta-encoded in a BLOB (<see cref="ChunkCodec"/>); rollups likewise, one row per series and UTC day. A range query
/// reads one row per series-hour instead of one per sample (a ranking of 200 hosts over an hour: 200 to 400 rows instead
/// of 12,000), and a sample costs 2 to 4 bytes instead of a row. Ticks likewise (schema version 5): one row per host and
/// hour of (time in ms, status) pairs in the same format, with the error text of the ticks that have one in a table of
/// its own, so telling which part of a window the collector covered reads one row per host-hour, not one per tick.
/// <para>
/// The open hour is written in place: each tick reads its series' current chunk row, appends the new pair and writes
/// the row back in the tick's transaction. Trade-off, chosen over a raw "head" table folded into chunks when the hour
/// closes: every tick rewrites the open chunk (up to an hour of pairs, ~200 B at a 60 s interval, ~2 KB at 5 s), which
/// costs the collector a read and a wider write per series; in return there is one format to read (no head to merge
/// with chunks, no fold step that could be interrupted), the last hour is as cheap to rank as any other, and a tick is
/// never lost on a kill: it is either committed with its chunk rows or not at all. Values are kept to three decimals
/// (what the collector rounds to), up to ±9.2·10^15 in their unit. Retention cuts exactly: whole chunks before the cut
/// are deleted in one statement, and the chunk the cut falls in is rewritten without its older entries. Nothing is
/// opened until the first call.
/// </para>
/// <para>
/// Reads keep the chunk rows and settings they read in memory (<see cref="ChunkCache"/>, up to <see cref="CacheBudget"/>
/// per store and <see cref="ProcessCacheBudget"/> for all stores of the process),
/// so the next ranking of the same hosts reads nothing from the file. Ticks are written on the store's own connection
/// and the rows they change put in place in memory as they commit; any other commit (maintenance, settings, another
/// process) moves the file's <c>PRAGMA data_version</c> and sends the next read back to the file.
/// </para>
/// </summary>
public sealed class SqliteHistoryStore(string path, HistoryOptions options, TimeProvider clock) : IHistoryStore, IDisposable
{
    private static readonly long BucketMs = (long)HistoryOptions.RollupBucket.TotalMilliseconds;
    private static readonly long BucketS = BucketMs / 1000;

    /// <summary>Values are stored as integers in thousandths of their unit.</summary>
    private const double Scale = 1000;

    /// <summary>The fourth column of a chunk row of <see cref="ChunksSql"/> that is a day of rollups (else an hour of samples).</summary>
    private const long RollupRow = 1;

    /// <summary>Bytes of chunk rows, raw and decoded, kept between reads (<see cref="ChunkCache"/>): a ranking of 200
    /// hosts over an hour takes about 0.5 MB of it, a host's every series over a week a few MB.</summary>
    private const long CacheBudget = 32 << 20;

    /// <summary>What the caches of every store of the process (one per tenant over HTTP) keep together: 128 MiB.</summary>
    private static readonly MemoryBudget ProcessCacheBudget = new(128 << 20);

    private readonly SqliteDatabase _db = new(path);
    private readonly ChunkCache _cache = new(CacheBudget, ProcessCacheBudget);
    private readonly Dictionary<string, long> _hosts = new(StringComparer.Ordinal);
    private readonly Dictionary<(long, string, string), long> _series = [];

    /// <summary>Host ids by name, as reads found them: committed rows only, unlike the writer's map, which also holds
    /// rows of a transaction that may yet roll back and free its ids.</summary>
    private readonly Dictionary<string, long> _readHosts = new(StringComparer.Ordinal);

    /// <summary>Series ids by (host id, metric, instance), as reads found them (committed rows only).</summary>
    private readonly Dictionary<(long, string, string), long> _readSeries = [];

    /// <summary>The database file.</summary>
    public string Path => _db.Path;

    public async Task WriteAsync(IReadOnlyList<HostTick> ticks, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(ticks);
        await _db.WriteAsync(db => WriteAsync(db, ticks, cancellationToken), cancellationToken);
    }

    /// <summary>Writes the ticks in one transaction on the store's own connection and, once it has committed, hands the
    /// chunk rows it wrote to the cache (before another read can begin); a write that fails empties the cache, whether
    /// or not its commit reached the file.</summary>
    private async Task WriteAsync(SqliteConnection db, IReadOnlyList<HostTick> ticks, CancellationToken cancellationToken)
    {
        try
        {
            _cache.Apply(await WriteTicksAsync(db, ticks, cancellationToken));
        }
        catch
        {
            _cache.Clear();
            throw;
        }
    }

    /// <summary>Writes the ticks in one transaction; returns the chunk rows it wrote once it has committed.</summary>
    private async Task<IReadOnlyList<WrittenChunk>> WriteTicksAsync(SqliteConnection db, IReadOnlyList<HostTick> ticks, CancellationToken cancellationToken)
    {
        await using var tx = db.BeginTransaction(deferred: false);
        await using var error = Command(db, tx, "INSERT OR REPLACE INTO tick_errors (host, ts, error) VALUES ($h, $t, $e)");
        await using var noError = Command(db, tx, "DELETE FROM tick_errors WHERE host = $h AND ts = $t");
        await using var chunks = new ChunkWriter(db, tx);
        await using var procs = Command(db, tx, "INSERT OR REPLACE INTO processes (host, ts, top) VALUES ($h, $t, $p)");
        foreach (var t in ticks)
        {
            var host = await HostIdAsync(db, tx, t.Host, cancellationToken);
            var ts = t.Time.ToUnixTimeMilliseconds();
            var fresh = await chunks.AddTickAsync(host, ts, t.Status, cancellationToken);
            if (t.Error is not null)
            {
                await ExecAsync(error, cancellationToken, ("$h", host), ("$t", ts), ("$e", t.Error));
            }
            else if (!fresh)
            {
                // A tick written again for the same millisecond replaces the earlier one whole, error included.
                await ExecAsync(noError, cancellationToken, ("$h", host), ("$t", ts));
            }

            foreach (var v in t.Values.Where(v => double.IsFinite(v.Value)))
            {
                var series = await SeriesIdAsync(db, tx, host, v.Metric, v.Instance, cancellationToken);
                await chunks.AddSampleAsync(series, ts / 1000, Scaled(v.Value), cancellationToken);
            }

            if (t.TopByCpu.Count + t.TopByRss.Count > 0)
            {
                await ExecAsync(procs, cancellationToken, ("$h", host), ("$t", ts), ("$p", JsonSerializer.Serialize(new TopJson(t.TopByCpu, t.TopByRss), SqliteJson.Default.TopJson)));
            }
        }

        await tx.CommitAsync(cancellationToken);
        return chunks.Written;
    }

    public async Task SetSampleIntervalAsync(TimeSpan interval, CancellationToken cancellationToken)
    {
        await using var db = await _db.OpenAsync(cancellationToken);
        await SetMetaAsync(db, null, "interval_ms", ((long)interval.TotalMilliseconds).ToString(CultureInfo.InvariantCulture), cancellationToken);
    }

    public async Task<HistoryStoreInfo> InfoAsync(CancellationToken cancellationToken)
    {
        await using var db = await _db.OpenAsync(cancellationToken);
        var meta = await GetMetaAsync(db, null, ["interval_ms", "pruned_before_ms"], cancellationToken);
        var (interval, prunedBefore) = (meta[0], meta[1] ?? 0);
        // One seek per host at each end of its stretch of the (host, t0) key, instead of a scan of every chunk: the
        // newest tick is a column of the last chunk; the oldest, the first entry of the earliest chunks.
        long? firstChunk = null;
        long? newest = null;
        await using (var range = Command(db, null, "SELECT min((SELECT min(t0) FROM tick_chunks t WHERE t.host = h.id)), max((SELECT t_last FROM tick_chunks t WHERE t.host = h.id ORDER BY t0 DESC LIMIT 1)) FROM hosts h"))
        {
            await using var reader = await range.ExecuteReaderAsync(cancellationToken);
            await reader.ReadAsync(cancellationToken);
            (firstChunk, newest) = (reader.IsDBNull(0) ? null : reader.GetInt64(0), reader.IsDBNull(1) ? null : reader.GetInt64(1));
        }

        long? oldest = null;
        if (firstChunk is { } t0)
        {
            await using var first = Command(db, null, "SELECT data FROM tick_chunks WHERE host IN (SELECT id FROM hosts) AND t0 = $t");
            Bind(first, ("$t", t0));
            await using var reader = await first.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                if (new ChunkCodec.SampleReader(t0, reader.GetFieldValue<byte[]>(0)).Next(out var ts, out _))
                {
                    oldest = Math.Min(oldest ?? long.MaxValue, ts);
                }
            }
        }

        static DateTimeOffset? At(long? ms) => ms is { } v ? DateTimeOffset.FromUnixTimeMilliseconds(v) : null;
        var size = new[] { Path, Path + "-wal" }.Where(File.Exists).Sum(f => new FileInfo(f).Length);
        return new HistoryStoreInfo(Path, size, interval is { } ms ? TimeSpan.FromMilliseconds(ms) : null, At(oldest), At(newest), DateTimeOffset.FromUnixTimeMilliseconds(prunedBefore));
    }

    /// <summary>Two settings from one read of the meta table.</summary>
    public async Task<HistoryStoreSettings> SettingsAsync(CancellationToken cancellationToken)
    {
        string[] keys = ["interval_ms", "pruned_before_ms"];
        var version = await BeginReadAsync(cancellationToken);
        if (_cache.FindMeta(version, keys) is not { } meta)
        {
            await using var db = await _db.OpenAsync(cancellationToken);
            meta = await MetaAsync(db, version, keys, cancellationToken);
        }

        return new HistoryStoreSettings(meta[0] is { } ms ? TimeSpan.FromMilliseconds(ms) : null, DateTimeOffset.FromUnixTimeMilliseconds(meta[1] ?? 0));
    }

    /// <summary>Counts every table's rows (a full walk of each; seconds on a store of 100 million samples).</summary>
    public async Task<HistoryStoreRows?> RowsAsync(CancellationToken cancellationToken)
    {
        await using var db = await _db.OpenAsync(cancellationToken);
        await using var count = Command(db, null, "SELECT (SELECT count(*) FROM hosts), (SELECT count(*) FROM series), (SELECT coalesce(sum(n), 0) FROM sample_chunks), (SELECT coalesce(sum(n), 0) FROM rollup_chunks), (SELECT coalesce(sum(n), 0) FROM tick_chunks)");
        await using var reader = await count.ExecuteReaderAsync(cancellationToken);
        await reader.ReadAsync(cancellationToken);
        return new HistoryStoreRows(reader.GetInt64(0), reader.GetInt64(1), reader.GetInt64(2), reader.GetInt64(3), reader.GetInt64(4));
    }

    public async Task<IReadOnlyList<TickRecord>> TicksAsync(string host, DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken) =>
        (await TicksOfHostsAsync([host], from, to, cancellationToken))[host];

    /// <summary>The ticks of many hosts in one read of their hours' chunks over the (host, t0) key, one stretch per host,
    /// and one of the error texts over the (host, ts) key.</summary>
    public async Task<IReadOnlyDictionary<string, IReadOnlyList<TickRecord>>> TicksOfHostsAsync(IReadOnlyList<string> hosts, DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(hosts);
        var found = new Dictionary<string, List<TickRecord>>(StringComparer.Ordinal);
        foreach (var host in hosts)
        {
            found[host] = [];
        }

        await using var db = await _db.OpenAsync(cancellationToken);
        var version = await BeginReadAsync(cancellationToken);
        var ids = await HostIdsAsync(db, version, hosts, cancellationToken);
        var (f, u) = (from.ToUnixTimeMilliseconds(), to.ToUnixTimeMilliseconds());
        var errors = new Dictionary<(long Host, long Ts), string>();
        await using (var cmd = Command(db, null, "SELECT host, ts, error FROM tick_errors WHERE host IN (SELECT value FROM json_each($ids)) AND ts >= $f AND ts < $u"))
        {
            Bind(cmd, ("$ids", IdList(ids.Keys)), ("$f", f), ("$u", u));
            await using var reader = await cmd.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                errors[(reader.GetInt64(0), reader.GetInt64(1))] = reader.GetString(2);
            }
        }

        foreach (var (host, run, start, end) in await TickSlicesAsync(db, version, ids, f, u, cancellationToken))
        {
            var list = found[ids[host]];
            for (var i = start; i < end; i++)
            {
                var ts = run.Times[i];
                list.Add(new TickRecord(DateTimeOffset.FromUnixTimeMilliseconds(ts), (TickStatus)run.Values[i], errors.GetValueOrDefault((host, ts))));
            }
        }

        return found.ToDictionary(h => h.Key, IReadOnlyList<TickRecord> (h) => h.Value, StringComparer.Ordinal);
    }

    /// <summary>
    /// The tick summaries of many hosts from one read of their hours' chunks (one row per host-hour, a ranking of 200
    /// hosts over an hour reads 200 to 400 rows for its 12,000 ticks) that keeps no record per tick: runs and the median
    /// spacing are worked out over the decoded times where they lie (<see cref="TickRuns.OfUnixMilliseconds"/>).
    /// </summary>
    public async Task<IReadOnlyDictionary<string, TickRuns>> TickRunsOfHostsAsync(IReadOnlyList<string> hosts, DateTimeOffset from, DateTimeOffset to, TimeSpan maxGap, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(hosts);
        var result = new Dictionary<string, TickRuns>(hosts.Count, StringComparer.Ordinal);
        foreach (var host in hosts)
        {
            result[host] = TickRuns.None;
        }

        await using var db = await _db.OpenAsync(cancellationToken);
        var version = await BeginReadAsync(cancellationToken);
        var ids = await HostIdsAsync(db, version, hosts, cancellationToken);
        foreach (var (host, run, start, end) in await TickSlicesAsync(db, version, ids, from.ToUnixTimeMilliseconds(), to.ToUnixTimeMilliseconds(), cancellationToken))
        {
            if (start < end)
            {
                result[ids[host]] = TickRuns.OfUnixMilliseconds(run.Times.AsSpan(start, end - start), maxGap);
            }
        }

        return result;
    }

    /// <summary>The ids of the hosts of <paramref name="names"/> the store knows: those read before from memory (a host's
    /// row is never deleted or renumbered), the others in one statement, remembered from then on; names that statement
    /// did not find are remembered as absent for the reads of its generation (<paramref name="version"/>, see
    /// <see cref="ChunkCache.HostAbsent"/>). A ranking of 200 hosts, some of them never collected (<c>local</c> on a
    /// machine whose collector samples only the fleet), asks the file nothing after its first call.</summary>
    private async Task<Dictionary<long, string>> HostIdsAsync(SqliteConnection db, long version, IReadOnlyList<string> names, CancellationToken cancellationToken)
    {
        var ids = new Dictionary<long, string>(names.Count);
        List<string>? unknown = null;
        lock (_readHosts)
        {
            foreach (var name in names)
            {
                if (_readHosts.TryGetValue(name, out var id))
                {
                    ids[id] = name;
                }
                else
                {
                    (unknown ??= []).Add(name);
                }
            }
        }

        unknown?.RemoveAll(name => _cache.HostAbsent(version, name));
        if (unknown is not { Count: > 0 })
        {
            return ids;
        }

        var missing = new HashSet<string>(unknown, StringComparer.Ordinal);

        await using var known = Command(db, null, "SELECT id, name FROM hosts WHERE name IN (SELECT value FROM json_each($names))");
        Bind(known, ("$names", JsonSerializer.Serialize(unknown, SqliteJson.Default.IReadOnlyListString)));
        await using var reader = await known.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            var (id, name) = (reader.GetInt64(0), reader.GetString(1));
            ids[id] = name;
            missing.Remove(name);
            lock (_readHosts)
            {
                _readHosts[name] = id;
            }
        }

        _cache.KeepAbsentHosts(version, missing);
        return ids;
    }

    /// <summary>The ids as a JSON array, for <c>json_each</c>.</summary>
    private static string IdList(IEnumerable<long> ids) => "[" + string.Join(',', ids.Select(k => k.ToString(CultureInfo.InvariantCulture))) + "]";

    /// <summary>The ticks of the hosts <paramref name="ids"/> in [<paramref name="from"/>, <paramref name="to"/>) (Unix
    /// ms): per host, its run of hour chunks and the indexes [Start, End) of those ticks in the run's decoded times and
    /// statuses, oldest first. The runs come from the cache where it holds them for the read <paramref name="version"/>,
    /// the others are read in one statement and kept.</summary>
    private async Task<List<(long Host, CachedChunks Run, int Start, int End)>> TickSlicesAsync(SqliteConnection db, long version, Dictionary<long, string> ids, long from, long to, CancellationToken cancellationToken)
    {
        var slices = new List<(long, CachedChunks, int, int)>(ids.Count);
        if (ids.Count == 0)
        {
            return slices;
        }

        var lo = from - ChunkWriter.TickSpan;
        var runs = new Dictionary<long, CachedChunks>(ids.Count);
        var missing = new Dictionary<long, ChunkRows>();
        foreach (var host in ids.Keys)
        {
            if (_cache.Find(version, ChunkTable.Ticks, host, lo, to) is { } run)
            {
                runs[host] = run;
            }
            else
            {
                missing[host] = new ChunkRows();
            }
        }

        if (missing.Count > 0)
        {
            var hi = ReadTo(to, ChunkWriter.TickSpan, clock.GetUtcNow().ToUnixTimeMilliseconds());
            await using (var cmd = Command(db, null, "SELECT host, t0, data FROM tick_chunks WHERE host IN (SELECT value FROM json_each($ids)) AND t0 > $f AND t0 < $u ORDER BY host, t0"))
            {
                Bind(cmd, ("$ids", IdList(missing.Keys)), ("$f", lo), ("$u", hi));
                await using var reader = await cmd.ExecuteReaderAsync(cancellationToken);
                while (await reader.ReadAsync(cancellationToken))
                {
                    missing[reader.GetInt64(0)].Add(reader.GetInt64(1), reader.GetFieldValue<byte[]>(2));
                }
            }

            foreach (var (host, rows) in missing)
            {
                var run = rows.ToRun(ChunkTable.Ticks, lo, hi);
                _cache.Keep(version, ChunkTable.Ticks, host, run);
                runs[host] = run;
            }
        }

        foreach (var (host, run) in runs)
        {
            var (start, end) = run.Slice(from, to);
            slices.Add((host, run, start, end));
        }

        return slices;
    }

    public async Task<IReadOnlyList<StoredSeries>> SeriesAsync(SeriesQuery query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        await using var db = await _db.OpenAsync(cancellationToken);
        var version = await BeginReadAsync(cancellationToken);
        var prefix = query.MetricPrefix.EndsWith('.') ? "s.metric >= $m AND s.metric < $m2" : "s.metric = $m";
        var instance = query.Instance is null ? string.Empty : " AND s.instance = $i";
        var host = (await HostIdsAsync(db, version, [query.Host], cancellationToken)).Keys.FirstOrDefault(-1);
        if (host < 0)
        {
            return [];
        }

        var found = await PointsAsync(db, version, [], $"s.host = $h AND {prefix}{instance}", query.From, query.To, query.Step, ToPoints, cancellationToken,
            ("$h", host), ("$m", query.MetricPrefix), ("$m2", query.MetricPrefix[..^1] + (char)(query.MetricPrefix[^1] + 1)), ("$i", (object?)query.Instance ?? DBNull.Value));
        found.Sort((a, b) => string.CompareOrdinal(a.Metric, b.Metric) is var order and not 0 ? order : string.CompareOrdinal(a.Instance, b.Instance));
        return found.Select(f => new StoredSeries(f.Metric, f.Instance, f.Points)).ToList();
    }

    /// <summary>One query for every host: the key is read one stretch per host's series, in a single statement.</summary>
    public async Task<IReadOnlyList<HostSeries>> SeriesOfHostsAsync(IReadOnlyList<string> hosts, string metric, string instance, DateTimeOffset from, DateTimeOffset to, TimeSpan step, CancellationToken cancellationToken) =>
        [.. (await OfHostsAsync(hosts, metric, instance, from, to, step, ToPoints, cancellationToken)).Select(h => new HostSeries(h.Host, h.Figure))];

    /// <summary>As <see cref="SeriesOfHostsAsync"/> reads them, each series' points handed to <paramref name="reduce"/>
    /// from one buffer, reused for the next: a ranking of 200 hosts keeps no point.</summary>
    public async Task<IReadOnlyList<(string Host, T Figure)>> ReduceSeriesOfHostsAsync<T>(IReadOnlyList<string> hosts, string metric, string instance, DateTimeOffset from, DateTimeOffset to, TimeSpan step, SeriesReducer<T> reduce, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(reduce);
        return await OfHostsAsync(hosts, metric, instance, from, to, step, points => reduce(points.Points()), cancellationToken);
    }

    private static StoredPoint[] ToPoints(Accumulator points) => points.ToPoints();

    /// <summary>One series of every host of <paramref name="hosts"/> that has points, each finished by
    /// <paramref name="finish"/>, once each in the order asked.</summary>
    private async Task<List<(string Host, T Figure)>> OfHostsAsync<T>(IReadOnlyList<string> hosts, string metric, string instance, DateTimeOffset from, DateTimeOffset to, TimeSpan step, Func<Accumulator, T> finish, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(hosts);
        await using var db = await _db.OpenAsync(cancellationToken);
        var version = await BeginReadAsync(cancellationToken);
        // Series of these hosts read before are known by id; only the others are looked up, but for those this
        // generation's reads found missing.
        var known = new Dictionary<long, (string Host, string Metric, string Instance)>(hosts.Count);
        var unknown = new List<long>();
        var hostIds = await HostIdsAsync(db, version, hosts, cancellationToken);
        lock (_readSeries)
        {
            foreach (var (id, name) in hostIds)
            {
                if (_readSeries.TryGetValue((id, metric, instance), out var sid))
                {
                    known[sid] = (name, metric, instance);
                }
                else
                {
                    unknown.Add(id);
                }
            }
        }

        unknown.RemoveAll(id => _cache.SeriesAbsent(version, (id, metric, instance)));
        var found = await PointsAsync(db, version, known, unknown.Count == 0 ? null : "s.metric = $m AND s.instance = $i AND s.host IN (SELECT value FROM json_each($hosts))", from, to, step, finish, cancellationToken,
            ("$m", metric), ("$i", instance), ("$hosts", IdList(unknown)));
        if (unknown.Count > 0)
        {
            lock (_readSeries)
            {
                unknown.RemoveAll(id => _readSeries.ContainsKey((id, metric, instance)));
            }

            _cache.KeepAbsentSeries(version, unknown.Select(id => (id, metric, instance)));
        }

        var byHost = new Dictionary<string, T>(found.Count, StringComparer.Ordinal);
        foreach (var f in found)
        {
            byHost[f.Host] = f.Points;
        }

        // In the order asked, each host once.
        var result = new List<(string Host, T Figure)>(byHost.Count);
        foreach (var host in hosts)
        {
            if (byHost.Remove(host, out var figure))
            {
                result.Add((host, figure));
            }
        }

        return result;
    }

    /// <summary>
    /// The points of the series <paramref name="known"/> (by id) and those <paramref name="seriesFilter"/> selects (over
    /// <c>series s</c>, with its parameters <paramref name="filter"/>; none when null), each series averaged over
    /// <paramref name="step"/> and finished by <paramref name="finish"/> (its points, or what a reader makes of them),
    /// in no particular order; series without points are left out. Raw samples are read where
    /// they are kept, 5-minute rollups (weighted by their sample counts) before that; and where the step is a whole number
    /// of rollup buckets, rollups also stand in for the raw samples they already summarise (up to <c>rolled_up_to</c>), so
    /// a day at a 15-minute step reads 288 rows per series instead of 1440. Raw samples fill the window's first partial
    /// bucket and everything after the last rollup; a step fed by both is combined by counts. The chunk rows come from
    /// the cache (<see cref="ChunkCache"/>) while the file has not changed since they were read; the others from one
    /// statement that walks the (series, time) key of both tables in order and merges them (<see cref="ChunksSql"/>, no
    /// sort), kept for the next read. Each series is averaged in one <see cref="Accumulator"/> for all and finished before
    /// the next begins; the series are named by their ids, so the filter is resolved once, and the series it finds are
    /// remembered (a series' row is never deleted or renumbered), so a ranking asks the file nothing once it knows every
    /// host's series and has read their chunks.
    /// </summary>
    private async Task<List<(string Host, string Metric, string Instance, T Points)>> PointsAsync<T>(
        SqliteConnection db, long version, Dictionary<long, (string Host, string Metric, string Instance)> known, string? seriesFilter, DateTimeOffset from, DateTimeOffset to, TimeSpan step, Func<Accumulator, T> finish, CancellationToken cancellationToken, params (string Name, object Value)[] filter)
    {
        var stepS = Math.Max(1, (long)step.TotalSeconds);
        var meta = await MetaAsync(db, version, ["pruned_before_ms", "rolled_up_to_ms"], cancellationToken);
        var pruned = (meta[0] ?? 0) / 1000;
        var rolled = stepS % BucketS == 0 ? (meta[1] ?? 0) / 1000 : 0;
        var f = FloorSeconds(from);
        var u = CeilingSeconds(to);
        var rawFrom = Math.Max(pruned, rolled);
        // Rollups cover whole buckets: those starting at or after the window's start, before the raw samples take over.
        var rollupFrom = rolled > pruned ? (f + BucketS - 1) / BucketS * BucketS : f;
        var rollupTo = Math.Min(u, rawFrom);
        // Raw samples of [from, to) outside the stretch the rollups answered, [gapFrom, gapTo).
        var (rf, rt) = (Math.Max(f, pruned), u);
        var (gapFrom, gapTo) = (rawFrom > pruned ? rollupFrom : f, rawFrom);
        // Steps [f, u) can touch: both ends may fall inside one.
        var steps = (int)Math.Min(int.MaxValue, Math.Max(0, (u - f) / stepS + 2));

        var series = known;
        if (seriesFilter is not null)
        {
            await using var names = Command(db, null, $"SELECT s.id, s.host, h.name, s.metric, s.instance FROM series s JOIN hosts h ON h.id = s.host WHERE {seriesFilter}");
            Bind(names, filter);
            await using var reader = await names.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                var (id, host, name, metric, instance) = (reader.GetInt64(0), reader.GetInt64(1), reader.GetString(2), reader.GetString(3), reader.GetString(4));
                series[id] = (name, metric, instance);
                lock (_readSeries)
                {
                    _readSeries[(host, metric, instance)] = id;
                }
            }
        }

        var found = new List<(string Host, string Metric, string Instance, T Points)>(series.Count);
        if (series.Count == 0)
        {
            return found;
        }

        var withRollups = rollupFrom < rollupTo;
        // Each series' rows: hours of samples starting in (sampleLo, rt), days of rollups in (rollupLo, rollupTo), from
        // the cache where it holds them, the others read in one statement and kept.
        var (sampleLo, rollupLo) = (rf - ChunkWriter.SampleSpan, rollupFrom - ChunkWriter.RollupSpan);
        var runs = new Dictionary<long, (CachedChunks? Rollups, CachedChunks Samples)>(series.Count);
        var missing = new List<long>();
        foreach (var sid in series.Keys)
        {
            var samples = _cache.Find(version, ChunkTable.Samples, sid, sampleLo, rt);
            var rollups = withRollups ? _cache.Find(version, ChunkTable.Rollups, sid, rollupLo, rollupTo) : null;
            if (samples is null || (withRollups && rollups is null))
            {
                missing.Add(sid);
            }
            else
            {
                runs[sid] = (rollups, samples);
            }
        }

        if (missing.Count > 0)
        {
            var now = clock.GetUtcNow().ToUnixTimeSeconds();
            await ReadChunksAsync(db, version, missing, (sampleLo, ReadTo(rt, ChunkWriter.SampleSpan, now)), withRollups ? (rollupLo, ReadTo(rollupTo, ChunkWriter.RollupSpan, now)) : null, runs, cancellationToken);
        }

        var points = new Accumulator(stepS, steps);
        foreach (var (sid, (rollups, samples)) in runs)
        {
            if (rollups is not null)
            {
                var entries = rollups.Rollups;
                for (var (i, end) = rollups.Slice(rollupFrom, rollupTo); i < end; i++)
                {
                    var r = entries[i];
                    points.Add(r.Ts, r.Avg * r.Count, r.Count, r.Min, r.Max, rollup: true);
                }
            }

            // The raw samples of [rf, rt) but those of [gapFrom, gapTo), which the rollups answered: one stretch of
            // the run's times on each side of it.
            var (first, last) = samples.Slice(rf, rt);
            var (gapStart, gapEnd) = gapFrom < gapTo ? samples.Slice(gapFrom, gapTo) : (last, last);
            var before = Math.Clamp(gapStart, first, last);
            points.AddSamples(samples.Times.AsSpan(first..before), samples.Values.AsSpan(first..before));
            var after = Math.Clamp(gapEnd, before, last);
            points.AddSamples(samples.Times.AsSpan(after..last), samples.Values.AsSpan(after..last));

            if (points.Count > 0)
            {
                var (host, metric, instance) = series[sid];
                found.Add((host, metric, instance, finish(points)));
                points.Clear();
            }
        }

        return found;
    }

    /// <summary>Reads the chunk rows of the series <paramref name="ids"/> that start strictly inside <paramref name="samples"/>
    /// (hours of samples) and, when given, <paramref name="rollups"/> (days of rollups) in one statement
    /// (<see cref="ChunksSql"/>), adds each series' runs to <paramref name="runs"/> (empty ones for a series without rows)
    /// and keeps them in the cache for reads at <paramref name="version"/>.</summary>
    private async Task ReadChunksAsync(SqliteConnection db, long version, List<long> ids, (long From, long To) samples, (long From, long To)? rollups, Dictionary<long, (CachedChunks? Rollups, CachedChunks Samples)> runs, CancellationToken cancellationToken)
    {
        var rows = ids.ToDictionary(id => id, _ => (Rollups: new ChunkRows(), Samples: new ChunkRows()));
        await using (var chunks = Command(db, null, ChunksSql(rollups is not null)))
        {
            Bind(chunks, ("$ids", IdList(ids)), ("$f", samples.From), ("$u", samples.To));
            if (rollups is { } r)
            {
                chunks.Parameters.AddWithValue("$rf", r.From);
                chunks.Parameters.AddWithValue("$ru", r.To);
            }

            await using var reader = await chunks.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                var of = rows[reader.GetInt64(0)];
                (reader.GetInt64(3) == RollupRow ? of.Rollups : of.Samples).Add(reader.GetInt64(1), reader.GetFieldValue<byte[]>(2));
            }
        }

        foreach (var (id, of) in rows)
        {
            var sampleRun = of.Samples.ToRun(ChunkTable.Samples, samples.From, samples.To);
            _cache.Keep(version, ChunkTable.Samples, id, sampleRun);
            CachedChunks? rollupRun = null;
            if (rollups is { } r)
            {
                rollupRun = of.Rollups.ToRun(ChunkTable.Rollups, r.From, r.To);
                _cache.Keep(version, ChunkTable.Rollups, id, rollupRun);
            }

            runs[id] = (rollupRun, sampleRun);
        }
    }

    /// <summary>The exclusive upper bound of the starts a read asks for when a window's rows must start before
    /// <paramref name="to"/> (in the unit of <paramref name="now"/> and <paramref name="span"/>): every later row too when
    /// <paramref name="to"/> is within a chunk's <paramref name="span"/> of now (none start later but the open chunk;
    /// kept, the run then serves the next reads of a window that ends now, however far now has moved), else
    /// <paramref name="to"/> (a window in the past reads nothing after it).</summary>
    private static long ReadTo(long to, long span, long now) => to >= now - span ? long.MaxValue : to;

    /// <summary>Starts a read: the cache drops what the file has changed since (see <see cref="ChunkCache"/>).</summary>
    /// <returns>The read's version, for the cache.</returns>
    private async Task<long> BeginReadAsync(CancellationToken cancellationToken) => _cache.Begin(await _db.DataVersionAsync(cancellationToken));

    /// <summary>The settings <paramref name="keys"/> as <see cref="GetMetaAsync(SqliteConnection, SqliteTransaction?, string[], CancellationToken)"/>
    /// reads them, from the cache when a read at <paramref name="version"/> kept them.</summary>
    private async Task<long?[]> MetaAsync(SqliteConnection db, long version, string[] keys, CancellationToken cancellationToken)
    {
        if (_cache.FindMeta(version, keys) is { } kept)
        {
            return kept;
        }

        var values = await GetMetaAsync(db, null, keys, cancellationToken);
        _cache.KeepMeta(version, keys, values);
        return values;
    }

    /// <summary>
    /// The chunk rows of the series <c>$ids</c> (a JSON array) ordered by series and start: every hour of samples that
    /// starts in ($f, $u) and, <paramref name="withRollups"/>, every day of rollups that starts in ($rf, $ru); each row is
    /// (series, start, data, <see cref="RollupRow"/> or 0). Both tables are walked along their (series, time) key and
    /// merged as they come (no sort); the rollups' part is left out when no rollup is wanted, so it costs no seek per series.
    /// </summary>
    private static string ChunksSql(bool withRollups) => withRollups
        ? "SELECT r.sid, r.t0, r.data, 1 FROM rollup_chunks r WHERE r.sid IN (SELECT value FROM json_each($ids)) AND r.t0 > $rf AND r.t0 < $ru "
          + "UNION ALL SELECT d.sid, d.t0, d.data, 0 FROM sample_chunks d WHERE d.sid IN (SELECT value FROM json_each($ids)) AND d.t0 > $f AND d.t0 < $u ORDER BY 1, 2"
        : "SELECT d.sid, d.t0, d.data, 0 FROM sample_chunks d WHERE d.sid IN (SELECT value FROM json_each($ids)) AND d.t0 > $f AND d.t0 < $u ORDER BY d.sid, d.t0";

    /// <summary>The value in thousandths, held to what a 64-bit integer stores (±9.2·10^15 in the value's unit).</summary>
    private static long Scaled(double value) => (long)Math.Clamp(Math.Round(value * Scale), -9.2e18, 9.2e18);

    private static long FloorSeconds(DateTimeOffset time) => (long)Math.Floor(time.ToUnixTimeMilliseconds() / 1000.0);

    private static long CeilingSeconds(DateTimeOffset time) => (long)Math.Ceiling(time.ToUnixTimeMilliseconds() / 1000.0);

    public async Task<IReadOnlyList<ProcessesAt>> ProcessesAsync(string host, DateTimeOffset from, DateTimeOffset to, int limit, CancellationToken cancellationToken)
    {
        await using var db = await _db.OpenAsync(cancellationToken);
        await using var cmd = Command(db, null, "SELECT p.ts, p.top FROM processes p JOIN hosts h ON h.id = p.host WHERE h.name = $n AND p.ts >= $f AND p.ts < $u ORDER BY p.ts DESC LIMIT $l");
        Bind(cmd, ("$n", host), ("$f", from.ToUnixTimeMilliseconds()), ("$u", to.ToUnixTimeMilliseconds()), ("$l", limit));
        var result = new List<ProcessesAt>();
        await using var reader = await cmd.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            var top = JsonSerializer.Deserialize(reader.GetString(1), SqliteJson.Default.TopJson) ?? new TopJson([], []);
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
        await using var db = await _db.OpenAsync(cancellationToken);
        await using var tx = db.BeginTransaction(deferred: false);
        var rolled = (await GetMetaAsync(db, tx, ["rolled_up_to_ms"], cancellationToken))[0] ?? 0;
        await using var chunks = new ChunkWriter(db, tx);
        if (complete > rolled)
        {
            await RollUpAsync(db, tx, chunks, rolled / BucketMs * BucketS, complete / 1000, cancellationToken);
            await SetMetaAsync(db, tx, "rolled_up_to_ms", complete.ToString(CultureInfo.InvariantCulture), cancellationToken);
        }

        // Raw samples go only once they are rolled up.
        var rawBefore = Math.Min(rawCutoff, Math.Max(rolled, complete));
        // Every delete walks the key one stretch per series or host (no separate time index to keep up).
        var samples = await chunks.PruneSamplesAsync(rawBefore / 1000, cancellationToken);
        await using var deleteProcesses = Command(db, tx, "DELETE FROM processes WHERE host IN (SELECT id FROM hosts) AND ts < $c");
        await ExecAsync(deleteProcesses, cancellationToken, ("$c", rawBefore));
        var rollups = await chunks.PruneRollupsAsync(rollupCutoff / 1000, cancellationToken);
        await chunks.PruneTicksAsync(rollupCutoff, cancellationToken);
        await using var deleteErrors = Command(db, tx, "DELETE FROM tick_errors WHERE host IN (SELECT id FROM hosts) AND ts < $c");
        await ExecAsync(deleteErrors, cancellationToken, ("$c", rollupCutoff));
        // Resolved alerts are kept as long as the rollups they were judged against; firing ones stay whatever their age.
        await using var deleteAlerts = Command(db, tx, "DELETE FROM alerts WHERE ended IS NOT NULL AND ended < $c");
        await ExecAsync(deleteAlerts, cancellationToken, ("$c", rollupCutoff));
        if (rawBefore > ((await GetMetaAsync(db, tx, ["pruned_before_ms"], cancellationToken))[0] ?? 0))
        {
            await SetMetaAsync(db, tx, "pruned_before_ms", rawBefore.ToString(CultureInfo.InvariantCulture), cancellationToken);
        }

        await tx.CommitAsync(cancellationToken);
        return new MaintenanceResult(DateTimeOffset.FromUnixTimeMilliseconds(Math.Max(rolled, complete)), samples, rollups);
    }

    /// <summary>
    /// Summarises the raw samples of [<paramref name="from"/>, <paramref name="to"/>) (Unix seconds, whole buckets) into
    /// 5-minute rollups per series: min, average rounded to the nearest thousandth (halves away from zero) and max, merged
    /// into the series' day chunks.
    /// </summary>
    private static async Task RollUpAsync(SqliteConnection db, SqliteTransaction tx, ChunkWriter chunks, long from, long to, CancellationToken cancellationToken)
    {
        var buckets = new Dictionary<long, SortedDictionary<long, (long Min, long Sum, long Max, long N)>>();
        await using (var read = Command(db, tx, "SELECT sid, t0, data FROM sample_chunks WHERE sid IN (SELECT id FROM series) AND t0 > $f AND t0 < $t"))
        {
            Bind(read, ("$f", from - ChunkWriter.SampleSpan), ("$t", to));
            await using var reader = await read.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                var sid = reader.GetInt64(0);
                var chunk = new ChunkCodec.SampleReader(reader.GetInt64(1), reader.GetFieldValue<byte[]>(2));
                while (chunk.Next(out var ts, out var v))
                {
                    if (ts < from || ts >= to)
                    {
                        continue;
                    }

                    if (!buckets.TryGetValue(sid, out var series))
                    {
                        buckets[sid] = series = [];
                    }

                    var start = ts / BucketS * BucketS;
                    series[start] = series.TryGetValue(start, out var b) ? (Math.Min(b.Min, v), b.Sum + v, Math.Max(b.Max, v), b.N + 1) : (v, v, v, 1);
                }
            }
        }

        foreach (var (sid, series) in buckets)
        {
            await chunks.MergeRollupsAsync(sid, [.. series.Select(b => new RollupEntry(b.Key, b.Value.Min, (long)Math.Round(b.Value.Sum / (double)b.Value.N, MidpointRounding.AwayFromZero), b.Value.Max, b.Value.N))], cancellationToken);
        }
    }

    /// <summary>Releases the open lock; pooled connections close with the process (or <see cref="SqliteConnection.ClearAllPools"/>).</summary>
    public void Dispose() => _db.Dispose();

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

    private async Task<long> SeriesIdAsync(SqliteConnection db, SqliteTransaction tx, long host, string metric, string instance, CancellationToken cancellationToken)
    {
        lock (_series)
        {
            if (_series.TryGetValue((host, metric, instance), out var id))
            {
                return id;
            }
        }

        await using var insert = Command(db, tx, "INSERT OR IGNORE INTO series (host, metric, instance) VALUES ($h, $m, $i); SELECT id FROM series WHERE host = $h AND metric = $m AND instance = $i");
        Bind(insert, ("$h", host), ("$m", metric), ("$i", instance));
        var found = (long)(await insert.ExecuteScalarAsync(cancellationToken))!;
        lock (_series)
        {
            _series[(host, metric, instance)] = found;
        }

        return found;
    }

    /// <summary>The values of <paramref name="keys"/> (null where one is missing or not a number), in one statement.</summary>
    private static async Task<long?[]> GetMetaAsync(SqliteConnection db, SqliteTransaction? tx, string[] keys, CancellationToken cancellationToken)
    {
        var values = new long?[keys.Length];
        await using var cmd = Command(db, tx, "SELECT key, value FROM meta WHERE key IN (SELECT value FROM json_each($k))");
        Bind(cmd, ("$k", JsonSerializer.Serialize(keys, SqliteJson.Default.IReadOnlyListString)));
        await using var reader = await cmd.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            if (reader.GetValue(1) is string s && long.TryParse(s, CultureInfo.InvariantCulture, out var v))
            {
                values[Array.IndexOf(keys, reader.GetString(0))] = v;
            }
        }

        return values;
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
