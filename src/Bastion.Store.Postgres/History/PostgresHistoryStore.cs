using System.Text.Json;
using Bastion.Core.History;
using Npgsql;
using NpgsqlTypes;

namespace Bastion.Store.Postgres.History;

/// <summary>
/// A tenant's host history in the shared store, for <c>serve --store</c>: the collector's leader (one instance per
/// tenant, <see cref="Leadership.PostgresCollectorLeadership"/>) writes, every instance reads, so <c>metrics_history</c>,
/// <c>metrics_top</c> and the alerts answer the same on all of them. Tables (schema step 7, every row keyed by tenant
/// or by a tenant's series): <c>history_ticks</c> (host, time in Unix ms, status, error), <c>history_series</c> (one row per
/// host, metric and instance), <c>history_samples</c> (series, time in Unix seconds, value in thousandths of its unit, as
/// the collector rounds), <c>history_rollups</c> (5-minute buckets of a series: min, average rounded to the nearest
/// thousandth with halves away from zero, max, sample count), <c>history_processes</c> (a tick's top processes as JSON)
/// and <c>history_meta</c> (the collector's interval, how far raw samples are rolled up and from when they are kept).
/// </summary>
/// <remarks>
/// Retention follows the History feature's rules (<see cref="HistoryOptions.RawRetention"/>,
/// <see cref="HistoryOptions.RollupRetention"/>, <see cref="HistoryOptions.RollupBucket"/>): raw samples are kept for the
/// raw retention and deleted only once rolled up; rollups, tick statuses, and resolved alerts for the rollup retention;
/// process tops as long as raw samples. A window is answered from raw samples where they are kept and from rollups
/// before that, and at steps of whole buckets from rollups up to the last one, as the embedded store answers (points fed
/// by rollups say so). A tick is written in one transaction: whole or absent. Maintenance takes
/// a transaction-scoped advisory lock per tenant, so two instances that both think they lead cannot interleave it.
/// </remarks>
/// <param name="store">The shared store.</param>
/// <param name="tenant">Whose history: every statement is bound to it.</param>
/// <param name="options">Retention and rollup rules.</param>
/// <param name="clock">The clock maintenance cuts by.</param>
public sealed class PostgresHistoryStore(PostgresStore store, string tenant, HistoryOptions options, TimeProvider clock) : IHistoryStore
{
    private const double Scale = 1000;
    private const string IntervalKey = "interval_ms";
    private const string RolledKey = "rolled_up_to_ms";
    private const string PrunedKey = "pruned_before_ms";

    private static readonly long BucketMs = (long)HistoryOptions.RollupBucket.TotalMilliseconds;
    private static readonly long BucketS = BucketMs / 1000;

    private static readonly string[] Tables = ["history_ticks", "history_series", "history_samples", "history_rollups", "history_processes", "history_meta", "history_alerts"];

    private readonly Dictionary<(string Host, string Metric, string Instance), long> _series = [];

    /// <inheritdoc/>
    public async Task WriteAsync(IReadOnlyList<HostTick> ticks, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(ticks);
        if (ticks.Count == 0)
        {
            return;
        }

        var created = await store.InTransactionAsync(
            async (connection, transaction) =>
            {
                var (ids, added) = await SeriesIdsAsync(connection, transaction, ticks, cancellationToken);
                await using (var insert = new NpgsqlCommand(
                    """
                    INSERT INTO history_ticks (tenant, host, ts, status, error) SELECT $1, * FROM unnest($2::text[], $3::bigint[], $4::smallint[], $5::text[])
                    ON CONFLICT (tenant, host, ts) DO UPDATE SET status = excluded.status, error = excluded.error
                    """, connection, transaction))
                {
                    var unique = ticks.GroupBy(t => (t.Host, t.Time.ToUnixTimeMilliseconds())).Select(g => g.Last()).ToList();
                    insert.Parameters.Add(new NpgsqlParameter { Value = tenant });
                    insert.Parameters.Add(new NpgsqlParameter { Value = unique.Select(t => t.Host).ToArray() });
                    insert.Parameters.Add(new NpgsqlParameter { Value = unique.Select(t => t.Time.ToUnixTimeMilliseconds()).ToArray() });
                    insert.Parameters.Add(new NpgsqlParameter { Value = unique.Select(t => (short)t.Status).ToArray() });
                    insert.Parameters.Add(new NpgsqlParameter { Value = unique.Select(t => t.Error).ToArray() });
                    await insert.ExecuteNonQueryAsync(cancellationToken);
                }

                // One value per series and second (a later tick in the same second wins, as a replaced row would).
                var samples = new Dictionary<(long Series, long Ts), long>();
                foreach (var t in ticks)
                {
                    foreach (var v in t.Values.Where(v => double.IsFinite(v.Value)))
                    {
                        samples[(ids[(t.Host, v.Metric, v.Instance)], t.Time.ToUnixTimeMilliseconds() / 1000)] = Scaled(v.Value);
                    }
                }

                if (samples.Count > 0)
                {
                    await using var insert = new NpgsqlCommand(
                        """
                        INSERT INTO history_samples (series, ts, value) SELECT * FROM unnest($1::bigint[], $2::bigint[], $3::bigint[])
                        ON CONFLICT (series, ts) DO UPDATE SET value = excluded.value
                        """, connection, transaction);
                    insert.Parameters.Add(new NpgsqlParameter { Value = samples.Keys.Select(k => k.Series).ToArray() });
                    insert.Parameters.Add(new NpgsqlParameter { Value = samples.Keys.Select(k => k.Ts).ToArray() });
                    insert.Parameters.Add(new NpgsqlParameter { Value = samples.Values.ToArray() });
                    await insert.ExecuteNonQueryAsync(cancellationToken);
                }

                var tops = ticks.Where(t => t.TopByCpu.Count + t.TopByRss.Count > 0).GroupBy(t => (t.Host, t.Time.ToUnixTimeMilliseconds())).Select(g => g.Last()).ToList();
                if (tops.Count > 0)
                {
                    await using var insert = new NpgsqlCommand(
                        """
                        INSERT INTO history_processes (tenant, host, ts, top) SELECT $1, h, t, p::jsonb FROM unnest($2::text[], $3::bigint[], $4::text[]) AS u (h, t, p)
                        ON CONFLICT (tenant, host, ts) DO UPDATE SET top = excluded.top
                        """, connection, transaction);
                    insert.Parameters.Add(new NpgsqlParameter { Value = tenant });
                    insert.Parameters.Add(new NpgsqlParameter { Value = tops.Select(t => t.Host).ToArray() });
                    insert.Parameters.Add(new NpgsqlParameter { Value = tops.Select(t => t.Time.ToUnixTimeMilliseconds()).ToArray() });
                    insert.Parameters.Add(new NpgsqlParameter { Value = tops.Select(t => JsonSerializer.Serialize(new ProcessTops(t.TopByCpu, t.TopByRss), HistoryJson.Default.ProcessTops)).ToArray() });
                    await insert.ExecuteNonQueryAsync(cancellationToken);
                }

                return added;
            },
            cancellationToken);

        // Remembered once the tick committed: a rolled-back tick's new series do not exist.
        lock (_series)
        {
            foreach (var (key, id) in created)
            {
                _series.TryAdd(key, id);
            }
        }
    }

    /// <inheritdoc/>
    public Task SetSampleIntervalAsync(TimeSpan interval, CancellationToken cancellationToken) =>
        store.RunAsync(connection => SetMetaAsync(connection, null, IntervalKey, (long)interval.TotalMilliseconds, cancellationToken), cancellationToken);

    /// <summary>The store's figures; <see cref="HistoryStoreInfo.SizeBytes"/> is the history tables' size on the server, every tenant's together.</summary>
    public Task<HistoryStoreInfo> InfoAsync(CancellationToken cancellationToken) =>
        store.RunAsync(
            async connection =>
            {
                var interval = await GetMetaAsync(connection, null, IntervalKey, cancellationToken);
                var pruned = await GetMetaAsync(connection, null, PrunedKey, cancellationToken) ?? 0;
                await using var command = new NpgsqlCommand(
                    "SELECT min(ts), max(ts), (SELECT sum(pg_total_relation_size(t::regclass)) FROM unnest($2::text[]) AS t)::bigint FROM history_ticks WHERE tenant = $1", connection);
                command.Parameters.Add(new NpgsqlParameter { Value = tenant });
                command.Parameters.Add(new NpgsqlParameter { Value = Tables });
                await using var reader = await command.ExecuteReaderAsync(cancellationToken);
                await reader.ReadAsync(cancellationToken);
                DateTimeOffset? At(int i) => reader.IsDBNull(i) ? null : DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(i));
                return new HistoryStoreInfo(
                    $"{store.Location.Display} (history_*, tenant '{tenant}')",
                    reader.IsDBNull(2) ? 0 : reader.GetInt64(2),
                    interval is { } ms ? TimeSpan.FromMilliseconds(ms) : null,
                    At(0),
                    At(1),
                    DateTimeOffset.FromUnixTimeMilliseconds(pruned));
            },
            cancellationToken);

    /// <summary>The tenant's two settings, without the walk of its ticks.</summary>
    public Task<HistoryStoreSettings> SettingsAsync(CancellationToken cancellationToken) =>
        store.RunAsync(
            async connection =>
            {
                var interval = await GetMetaAsync(connection, null, IntervalKey, cancellationToken);
                var pruned = await GetMetaAsync(connection, null, PrunedKey, cancellationToken) ?? 0;
                return new HistoryStoreSettings(interval is { } ms ? TimeSpan.FromMilliseconds(ms) : null, DateTimeOffset.FromUnixTimeMilliseconds(pruned));
            },
            cancellationToken);

    /// <summary>Counts the tenant's rows.</summary>
    public Task<HistoryStoreRows?> RowsAsync(CancellationToken cancellationToken) =>
        store.RunAsync<HistoryStoreRows?>(
            async connection =>
            {
                await using var command = new NpgsqlCommand(
                    """
                    SELECT (SELECT count(DISTINCT host) FROM history_ticks WHERE tenant = $1),
                           (SELECT count(*) FROM history_series WHERE tenant = $1),
                           (SELECT count(*) FROM history_samples WHERE series IN (SELECT id FROM history_series WHERE tenant = $1)),
                           (SELECT count(*) FROM history_rollups WHERE series IN (SELECT id FROM history_series WHERE tenant = $1)),
                           (SELECT count(*) FROM history_ticks WHERE tenant = $1)
                    """, connection);
                command.Parameters.Add(new NpgsqlParameter { Value = tenant });
                await using var reader = await command.ExecuteReaderAsync(cancellationToken);
                await reader.ReadAsync(cancellationToken);
                return new HistoryStoreRows(reader.GetInt64(0), reader.GetInt64(1), reader.GetInt64(2), reader.GetInt64(3), reader.GetInt64(4));
            },
            cancellationToken);

    /// <inheritdoc/>
    public async Task<IReadOnlyList<TickRecord>> TicksAsync(string host, DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken) =>
        (await TicksOfHostsAsync([host], from, to, cancellationToken))[host];

    /// <summary>The ticks of many hosts in one query.</summary>
    public Task<IReadOnlyDictionary<string, IReadOnlyList<TickRecord>>> TicksOfHostsAsync(IReadOnlyList<string> hosts, DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(hosts);
        return store.RunAsync<IReadOnlyDictionary<string, IReadOnlyList<TickRecord>>>(
            async connection =>
            {
                var result = new Dictionary<string, List<TickRecord>>(StringComparer.Ordinal);
                foreach (var host in hosts)
                {
                    result[host] = [];
                }

                await using var command = new NpgsqlCommand("SELECT host, ts, status, error FROM history_ticks WHERE tenant = $1 AND host = ANY ($2) AND ts >= $3 AND ts < $4 ORDER BY host, ts", connection);
                command.Parameters.Add(new NpgsqlParameter { Value = tenant });
                command.Parameters.Add(new NpgsqlParameter { Value = hosts.Distinct(StringComparer.Ordinal).ToArray() });
                command.Parameters.Add(new NpgsqlParameter { Value = from.ToUnixTimeMilliseconds() });
                command.Parameters.Add(new NpgsqlParameter { Value = to.ToUnixTimeMilliseconds() });
                await using var reader = await command.ExecuteReaderAsync(cancellationToken);
                while (await reader.ReadAsync(cancellationToken))
                {
                    result[reader.GetString(0)].Add(new TickRecord(DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(1)), (TickStatus)reader.GetInt16(2), reader.IsDBNull(3) ? null : reader.GetString(3)));
                }

                return result.ToDictionary(r => r.Key, r => (IReadOnlyList<TickRecord>)r.Value, StringComparer.Ordinal);
            },
            cancellationToken);
    }

    /// <inheritdoc/>
    public async Task<IReadOnlyList<StoredSeries>> SeriesAsync(SeriesQuery query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        var exact = !query.MetricPrefix.EndsWith('.');
        var found = await PointsAsync([query.Host], query.MetricPrefix, exact, query.Instance, query.From, query.To, query.Step, cancellationToken);
        return found.Select(f => new StoredSeries(f.Metric, f.Instance, f.Points)).ToList();
    }

    /// <summary>One query for every host.</summary>
    public async Task<IReadOnlyList<HostSeries>> SeriesOfHostsAsync(IReadOnlyList<string> hosts, string metric, string instance, DateTimeOffset from, DateTimeOffset to, TimeSpan step, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(hosts);
        var found = await PointsAsync(hosts, metric, exact: true, instance, from, to, step, cancellationToken);
        var byHost = found.ToDictionary(f => f.Host, f => f.Points, StringComparer.Ordinal);
        return hosts.Distinct(StringComparer.Ordinal).Where(byHost.ContainsKey).Select(h => new HostSeries(h, byHost[h])).ToList();
    }

    /// <inheritdoc/>
    public Task<IReadOnlyList<ProcessesAt>> ProcessesAsync(string host, DateTimeOffset from, DateTimeOffset to, int limit, CancellationToken cancellationToken) =>
        store.RunAsync<IReadOnlyList<ProcessesAt>>(
            async connection =>
            {
                await using var command = new NpgsqlCommand("SELECT ts, top::text FROM history_processes WHERE tenant = $1 AND host = $2 AND ts >= $3 AND ts < $4 ORDER BY ts DESC LIMIT $5", connection);
                command.Parameters.Add(new NpgsqlParameter { Value = tenant });
                command.Parameters.Add(new NpgsqlParameter { Value = host });
                command.Parameters.Add(new NpgsqlParameter { Value = from.ToUnixTimeMilliseconds() });
                command.Parameters.Add(new NpgsqlParameter { Value = to.ToUnixTimeMilliseconds() });
                command.Parameters.Add(new NpgsqlParameter { Value = Math.Max(0, limit) });
                var result = new List<ProcessesAt>();
                await using var reader = await command.ExecuteReaderAsync(cancellationToken);
                while (await reader.ReadAsync(cancellationToken))
                {
                    var top = JsonSerializer.Deserialize(reader.GetString(1), HistoryJson.Default.ProcessTops) ?? new ProcessTops([], []);
                    result.Add(new ProcessesAt(DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(0)), top.Cpu, top.Rss));
                }

                return result;
            },
            cancellationToken);

    /// <inheritdoc/>
    public Task<MaintenanceResult> MaintainAsync(CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow().ToUnixTimeMilliseconds();
        var complete = now / BucketMs * BucketMs;
        var rawCutoff = now - (long)options.RawRetention.TotalMilliseconds;
        var rollupCutoff = now - (long)options.RollupRetention.TotalMilliseconds;
        return store.InTransactionAsync(
            async (connection, transaction) =>
            {
                await using (var lockTenant = new NpgsqlCommand("SELECT pg_advisory_xact_lock(hashtextextended('bastion history maintenance ' || $1, 0))", connection, transaction))
                {
                    lockTenant.Parameters.Add(new NpgsqlParameter { Value = tenant });
                    await lockTenant.ExecuteNonQueryAsync(cancellationToken);
                }

                var rolled = await GetMetaAsync(connection, transaction, RolledKey, cancellationToken) ?? 0;
                if (complete > rolled)
                {
                    // Whole buckets not rolled up yet: min, average (thousandths, halves away from zero) and max of each.
                    await ExecuteAsync(
                        connection,
                        transaction,
                        """
                        INSERT INTO history_rollups (series, ts, min, avg, max, n)
                        SELECT d.series, d.ts / $4 * $4, min(d.value), round(avg(d.value)), max(d.value), count(*)
                        FROM history_samples d WHERE d.series IN (SELECT id FROM history_series WHERE tenant = $1) AND d.ts >= $2 AND d.ts < $3
                        GROUP BY 1, 2
                        ON CONFLICT (series, ts) DO UPDATE SET min = excluded.min, avg = excluded.avg, max = excluded.max, n = excluded.n
                        """,
                        cancellationToken,
                        tenant,
                        rolled / BucketMs * BucketMs / 1000,
                        complete / 1000,
                        BucketMs / 1000);
                    await SetMetaAsync(connection, transaction, RolledKey, complete, cancellationToken);
                }

                // Raw samples go only once they are rolled up.
                var rawBefore = Math.Min(rawCutoff, Math.Max(rolled, complete));
                var samples = await ExecuteAsync(connection, transaction, "DELETE FROM history_samples WHERE series IN (SELECT id FROM history_series WHERE tenant = $1) AND ts < $2", cancellationToken, tenant, rawBefore / 1000);
                await ExecuteAsync(connection, transaction, "DELETE FROM history_processes WHERE tenant = $1 AND ts < $2", cancellationToken, tenant, rawBefore);
                var rollups = await ExecuteAsync(connection, transaction, "DELETE FROM history_rollups WHERE series IN (SELECT id FROM history_series WHERE tenant = $1) AND ts < $2", cancellationToken, tenant, rollupCutoff / 1000);
                await ExecuteAsync(connection, transaction, "DELETE FROM history_ticks WHERE tenant = $1 AND ts < $2", cancellationToken, tenant, rollupCutoff);
                // Resolved alerts are kept as long as the rollups they were judged against; firing ones stay whatever their age.
                await ExecuteAsync(connection, transaction, "DELETE FROM history_alerts WHERE tenant = $1 AND ended IS NOT NULL AND ended < $2", cancellationToken, tenant, rollupCutoff);
                if (rawBefore > (await GetMetaAsync(connection, transaction, PrunedKey, cancellationToken) ?? 0))
                {
                    await SetMetaAsync(connection, transaction, PrunedKey, rawBefore, cancellationToken);
                }

                return new MaintenanceResult(DateTimeOffset.FromUnixTimeMilliseconds(Math.Max(rolled, complete)), samples, rollups);
            },
            cancellationToken);
    }

    /// <summary>
    /// The points of the tenant's series of <paramref name="hosts"/> whose metric is <paramref name="metric"/> (or starts
    /// with it, unless <paramref name="exact"/>) and, when given, whose instance is <paramref name="instance"/>, each
    /// averaged over steps of <paramref name="step"/> counted from the Unix epoch: raw samples from when they are kept,
    /// rollups (weighted by their sample counts) of the buckets that start in the window before that; and, as the
    /// embedded store answers, where the step is a whole number of rollup buckets, rollups also stand in for the raw
    /// samples they summarise up to the last rollup, raw samples filling the window's first partial bucket and what came
    /// after the last rollup (a step fed by both is combined by counts and says it holds rollups). Ordered by host,
    /// metric and instance, then time.
    /// </summary>
    private Task<List<(string Host, string Metric, string Instance, List<StoredPoint> Points)>> PointsAsync(
        IReadOnlyList<string> hosts, string metric, bool exact, string? instance, DateTimeOffset from, DateTimeOffset to, TimeSpan step, CancellationToken cancellationToken) =>
        store.RunAsync(
            async connection =>
            {
                var stepS = Math.Max(1, (long)step.TotalSeconds);
                var (pruned, rolled) = await PrunedAndRolledAsync(connection, cancellationToken);
                rolled = stepS % BucketS == 0 ? rolled : 0;
                var f = (long)Math.Floor(from.ToUnixTimeMilliseconds() / 1000.0);
                var u = (long)Math.Ceiling(to.ToUnixTimeMilliseconds() / 1000.0);
                // Rollups answer [rollupFrom, rawFrom): the buckets before raw samples are kept, and those already rolled up
                // (whole buckets only: from the first that starts in the window). Raw samples answer the rest of the window.
                var rawFrom = Math.Max(pruned, rolled);
                var rollupFrom = rolled > pruned ? (f + BucketS - 1) / BucketS * BucketS : f;
                await using var command = new NpgsqlCommand(
                    """
                    SELECT s.host, s.metric, s.instance, p.t, sum(p.total), sum(p.n), min(p.lo), max(p.hi), bool_or(p.rollup)
                    FROM history_series s
                    CROSS JOIN LATERAL (
                        SELECT d.ts / $7 * $7 AS t, d.value AS total, 1::bigint AS n, d.value AS lo, d.value AS hi, false AS rollup
                        FROM history_samples d WHERE d.series = s.id AND d.ts >= greatest($5, $8) AND d.ts < $6 AND (d.ts < $10 OR d.ts >= $11)
                        UNION ALL
                        SELECT r.ts / $7 * $7, r.avg * r.n, r.n, r.min, r.max, true
                        FROM history_rollups r WHERE r.series = s.id AND r.ts >= $10 AND r.ts < least($6, $11)
                    ) p
                    WHERE s.tenant = $1 AND s.host = ANY ($2) AND (CASE WHEN $9 THEN s.metric = $3 ELSE starts_with(s.metric, $3) END) AND ($4::text IS NULL OR s.instance = $4)
                    GROUP BY s.host, s.metric, s.instance, p.t
                    ORDER BY s.host COLLATE "C", s.metric COLLATE "C", s.instance COLLATE "C", p.t
                    """, connection);
                command.Parameters.Add(new NpgsqlParameter { Value = tenant });
                command.Parameters.Add(new NpgsqlParameter { Value = hosts.Distinct(StringComparer.Ordinal).ToArray() });
                command.Parameters.Add(new NpgsqlParameter { Value = metric });
                command.Parameters.Add(new NpgsqlParameter { NpgsqlDbType = NpgsqlDbType.Text, Value = (object?)instance ?? DBNull.Value });
                command.Parameters.Add(new NpgsqlParameter { Value = f });
                command.Parameters.Add(new NpgsqlParameter { Value = u });
                command.Parameters.Add(new NpgsqlParameter { Value = stepS });
                command.Parameters.Add(new NpgsqlParameter { Value = pruned });
                command.Parameters.Add(new NpgsqlParameter { Value = exact });
                command.Parameters.Add(new NpgsqlParameter { Value = rollupFrom });
                command.Parameters.Add(new NpgsqlParameter { Value = rawFrom });
                var result = new List<(string Host, string Metric, string Instance, List<StoredPoint> Points)>();
                await using var reader = await command.ExecuteReaderAsync(cancellationToken);
                while (await reader.ReadAsync(cancellationToken))
                {
                    var (host, name, of) = (reader.GetString(0), reader.GetString(1), reader.GetString(2));
                    if (result.Count == 0 || result[^1].Host != host || result[^1].Metric != name || result[^1].Instance != of)
                    {
                        result.Add((host, name, of, []));
                    }

                    result[^1].Points.Add(new StoredPoint(
                        DateTimeOffset.FromUnixTimeSeconds(reader.GetInt64(3)),
                        (double)reader.GetDecimal(4) / (double)reader.GetDecimal(5) / Scale,
                        reader.GetInt64(6) / Scale,
                        reader.GetInt64(7) / Scale,
                        reader.GetBoolean(8)));
                }

                return result;
            },
            cancellationToken);

    /// <summary>The ids of every series <paramref name="ticks"/> has values of, created where missing; and those not remembered yet.</summary>
    private async Task<(Dictionary<(string Host, string Metric, string Instance), long> Ids, Dictionary<(string Host, string Metric, string Instance), long> Found)> SeriesIdsAsync(
        NpgsqlConnection connection, NpgsqlTransaction transaction, IReadOnlyList<HostTick> ticks, CancellationToken cancellationToken)
    {
        var wanted = ticks.SelectMany(t => t.Values.Where(v => double.IsFinite(v.Value)).Select(v => (t.Host, v.Metric, v.Instance))).ToHashSet();
        var ids = new Dictionary<(string Host, string Metric, string Instance), long>();
        lock (_series)
        {
            foreach (var key in wanted)
            {
                if (_series.TryGetValue(key, out var id))
                {
                    ids[key] = id;
                }
            }
        }

        var missing = wanted.Where(k => !ids.ContainsKey(k)).ToList();
        var found = new Dictionary<(string Host, string Metric, string Instance), long>();
        if (missing.Count == 0)
        {
            return (ids, found);
        }

        await using var upsert = new NpgsqlCommand(
            """
            WITH wanted (host, metric, instance) AS (SELECT * FROM unnest($2::text[], $3::text[], $4::text[])),
                 added AS (INSERT INTO history_series (tenant, host, metric, instance) SELECT $1, * FROM wanted ON CONFLICT DO NOTHING RETURNING id, host, metric, instance)
            SELECT id, host, metric, instance FROM added
            UNION ALL
            SELECT s.id, s.host, s.metric, s.instance FROM history_series s JOIN wanted w USING (host, metric, instance) WHERE s.tenant = $1
            """, connection, transaction);
        upsert.Parameters.Add(new NpgsqlParameter { Value = tenant });
        upsert.Parameters.Add(new NpgsqlParameter { Value = missing.Select(k => k.Host).ToArray() });
        upsert.Parameters.Add(new NpgsqlParameter { Value = missing.Select(k => k.Metric).ToArray() });
        upsert.Parameters.Add(new NpgsqlParameter { Value = missing.Select(k => k.Instance).ToArray() });
        await using (var reader = await upsert.ExecuteReaderAsync(cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken))
            {
                found[(reader.GetString(1), reader.GetString(2), reader.GetString(3))] = reader.GetInt64(0);
            }
        }

        foreach (var (key, id) in found)
        {
            ids[key] = id;
        }

        if (ids.Count < wanted.Count)
        {
            // Another writer created a series after this statement's snapshot: the next tick finds it.
            throw new Core.BastionException($"The shared store {store.Location.Display} gained history series while this tick was written; the tick is retried with the next one.");
        }

        return (ids, found);
    }

    private static long Scaled(double value) => (long)Math.Clamp(Math.Round(value * Scale), -9.2e18, 9.2e18);

    /// <summary>From when raw samples are kept and up to when they are rolled up, in Unix seconds (0 before the first maintenance).</summary>
    private async Task<(long Pruned, long Rolled)> PrunedAndRolledAsync(NpgsqlConnection connection, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(
            "SELECT coalesce(max(value) FILTER (WHERE name = $2), 0), coalesce(max(value) FILTER (WHERE name = $3), 0) FROM history_meta WHERE tenant = $1", connection);
        command.Parameters.Add(new NpgsqlParameter { Value = tenant });
        command.Parameters.Add(new NpgsqlParameter { Value = PrunedKey });
        command.Parameters.Add(new NpgsqlParameter { Value = RolledKey });
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        await reader.ReadAsync(cancellationToken);
        return (reader.GetInt64(0) / 1000, reader.GetInt64(1) / 1000);
    }

    private async Task<long?> GetMetaAsync(NpgsqlConnection connection, NpgsqlTransaction? transaction, string name, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand("SELECT value FROM history_meta WHERE tenant = $1 AND name = $2", connection, transaction);
        command.Parameters.Add(new NpgsqlParameter { Value = tenant });
        command.Parameters.Add(new NpgsqlParameter { Value = name });
        return await command.ExecuteScalarAsync(cancellationToken) as long?;
    }

    private async Task<int> SetMetaAsync(NpgsqlConnection connection, NpgsqlTransaction? transaction, string name, long value, CancellationToken cancellationToken) =>
        await ExecuteAsync(connection, transaction, "INSERT INTO history_meta (tenant, name, value) VALUES ($1, $2, $3) ON CONFLICT (tenant, name) DO UPDATE SET value = excluded.value", cancellationToken, tenant, name, value);

    private static async Task<int> ExecuteAsync(NpgsqlConnection connection, NpgsqlTransaction? transaction, string sql, CancellationToken cancellationToken, params object[] values)
    {
        await using var command = new NpgsqlCommand(sql, connection, transaction);
        foreach (var value in values)
        {
            command.Parameters.Add(new NpgsqlParameter { Value = value });
        }

        return await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
