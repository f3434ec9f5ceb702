using Npgsql;
using NpgsqlTypes;

namespace Bastion.Store.Postgres.Migration;

/// <summary>
/// Writes an embedded history database's rows into a tenant's history tables for <c>bastion migrate</c>. Each call is
/// one transaction (a batch: whole or absent) and skips rows whose key is already there — ticks and process tops by
/// (tenant, host, time), samples and rollups by (series, time), series by (tenant, host, metric, instance), alerts by
/// (tenant, rule, host, start) and the open-alert index — so a rerun adds only what an interrupted run left out. Every
/// method returns the number of rows it added. Units are those of the tables (<see cref="History.PostgresHistoryStore"/>).
/// </summary>
/// <param name="store">The shared store.</param>
/// <param name="tenant">Whose history the rows become.</param>
public sealed class PostgresHistoryImport(PostgresStore store, string tenant)
{
    /// <summary>Sets the collector's interval where the tenant has none, and how far raw samples are rolled up and pruned where the file is further along (Unix ms).</summary>
    public Task<int> MetaAsync(IReadOnlyDictionary<string, long> meta, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(meta);
        return store.InTransactionAsync(
            async (connection, transaction) =>
            {
                var changed = 0;
                foreach (var (name, value) in meta.Where(m => m.Key is "interval_ms" or "rolled_up_to_ms" or "pruned_before_ms"))
                {
                    var sql = name == "interval_ms"
                        ? "INSERT INTO history_meta (tenant, name, value) VALUES ($1, $2, $3) ON CONFLICT (tenant, name) DO NOTHING"
                        : "INSERT INTO history_meta (tenant, name, value) VALUES ($1, $2, $3) ON CONFLICT (tenant, name) DO UPDATE SET value = excluded.value WHERE history_meta.value < excluded.value";
                    changed += await ExecuteAsync(connection, transaction, sql, cancellationToken, tenant, name, value);
                }

                return changed;
            },
            cancellationToken);
    }

    /// <summary>Adds ticks: host, time (Unix ms), status, error.</summary>
    public Task<int> TicksAsync(IReadOnlyList<(string Host, long Ts, short Status, string? Error)> ticks, CancellationToken cancellationToken) =>
        store.InTransactionAsync(
            (connection, transaction) => ExecuteAsync(
                connection,
                transaction,
                "INSERT INTO history_ticks (tenant, host, ts, status, error) SELECT $1, * FROM unnest($2::text[], $3::bigint[], $4::smallint[], $5::text[]) ON CONFLICT DO NOTHING",
                cancellationToken,
                tenant,
                ticks.Select(t => t.Host).ToArray(),
                ticks.Select(t => t.Ts).ToArray(),
                ticks.Select(t => t.Status).ToArray(),
                new NpgsqlParameter { NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Text, Value = ticks.Select(t => t.Error).ToArray() }),
            cancellationToken);

    /// <summary>Adds a series (where missing) and a batch of its raw samples (Unix seconds, thousandths); returns whether the series was added and how many samples.</summary>
    public Task<(bool SeriesAdded, int Added)> SamplesAsync(string host, string metric, string instance, IReadOnlyList<(long Ts, long Value)> samples, CancellationToken cancellationToken) =>
        store.InTransactionAsync(
            async (connection, transaction) =>
            {
                var (id, created) = await SeriesAsync(connection, transaction, host, metric, instance, cancellationToken);
                var added = samples.Count == 0 ? 0 : await ExecuteAsync(
                    connection,
                    transaction,
                    "INSERT INTO history_samples (series, ts, value) SELECT $1, * FROM unnest($2::bigint[], $3::bigint[]) ON CONFLICT DO NOTHING",
                    cancellationToken,
                    id,
                    samples.Select(s => s.Ts).ToArray(),
                    samples.Select(s => s.Value).ToArray());
                return (created, added);
            },
            cancellationToken);

    /// <summary>Adds a series (where missing) and a batch of its rollups (bucket start in Unix seconds; min, average, max in thousandths; count).</summary>
    public Task<(bool SeriesAdded, int Added)> RollupsAsync(string host, string metric, string instance, IReadOnlyList<(long Ts, long Min, long Avg, long Max, long Count)> rollups, CancellationToken cancellationToken) =>
        store.InTransactionAsync(
            async (connection, transaction) =>
            {
                var (id, created) = await SeriesAsync(connection, transaction, host, metric, instance, cancellationToken);
                var added = rollups.Count == 0 ? 0 : await ExecuteAsync(
                    connection,
                    transaction,
                    "INSERT INTO history_rollups (series, ts, min, avg, max, n) SELECT $1, * FROM unnest($2::bigint[], $3::bigint[], $4::bigint[], $5::bigint[], $6::bigint[]) ON CONFLICT DO NOTHING",
                    cancellationToken,
                    id,
                    rollups.Select(r => r.Ts).ToArray(),
                    rollups.Select(r => r.Min).ToArray(),
                    rollups.Select(r => r.Avg).ToArray(),
                    rollups.Select(r => r.Max).ToArray(),
                    rollups.Select(r => r.Count).ToArray());
                return (created, added);
            },
            cancellationToken);

    /// <summary>Adds process tops: host, time (Unix ms), the JSON document.</summary>
    public Task<int> ProcessesAsync(IReadOnlyList<(string Host, long Ts, string Top)> tops, CancellationToken cancellationToken) =>
        store.InTransactionAsync(
            (connection, transaction) => ExecuteAsync(
                connection,
                transaction,
                "INSERT INTO history_processes (tenant, host, ts, top) SELECT $1, h, t, p::jsonb FROM unnest($2::text[], $3::bigint[], $4::text[]) AS u (h, t, p) ON CONFLICT DO NOTHING",
                cancellationToken,
                tenant,
                tops.Select(t => t.Host).ToArray(),
                tops.Select(t => t.Ts).ToArray(),
                tops.Select(t => t.Top).ToArray()),
            cancellationToken);

    /// <summary>Adds alert rows not there yet (same rule, host and start); an open one is skipped where the tenant already has that rule open on that host.</summary>
    public Task<int> AlertsAsync(IReadOnlyList<(string Rule, string Host, string Severity, string Metric, string Condition, double Value, long Started, long? Ended, double? EndValue)> alerts, CancellationToken cancellationToken) =>
        store.InTransactionAsync(
            async (connection, transaction) =>
            {
                var added = 0;
                foreach (var a in alerts)
                {
                    added += await ExecuteAsync(
                        connection,
                        transaction,
                        """
                        INSERT INTO history_alerts (tenant, rule, host, severity, metric, condition, value, started, ended, end_value)
                        SELECT $1, $2, $3, $4, $5, $6, $7, $8, $9, $10
                        WHERE NOT EXISTS (SELECT 1 FROM history_alerts WHERE tenant = $1 AND rule = $2 AND host = $3 AND started = $8)
                        ON CONFLICT DO NOTHING
                        """,
                        cancellationToken,
                        tenant,
                        a.Rule,
                        a.Host,
                        a.Severity,
                        a.Metric,
                        a.Condition,
                        a.Value,
                        a.Started,
                        new NpgsqlParameter { NpgsqlDbType = NpgsqlDbType.Bigint, Value = (object?)a.Ended ?? DBNull.Value },
                        new NpgsqlParameter { NpgsqlDbType = NpgsqlDbType.Double, Value = (object?)a.EndValue ?? DBNull.Value });
                }

                return added;
            },
            cancellationToken);

    private async Task<(long Id, bool Created)> SeriesAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, string host, string metric, string instance, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(
            """
            WITH added AS (INSERT INTO history_series (tenant, host, metric, instance) VALUES ($1, $2, $3, $4) ON CONFLICT DO NOTHING RETURNING id)
            SELECT id, true FROM added
            UNION ALL
            SELECT id, false FROM history_series WHERE tenant = $1 AND host = $2 AND metric = $3 AND instance = $4
            """, connection, transaction);
        foreach (var value in new object[] { tenant, host, metric, instance })
        {
            command.Parameters.Add(new NpgsqlParameter { Value = value });
        }

        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        if (!await reader.ReadAsync(cancellationToken))
        {
            throw new Core.BastionException($"The history series {host} {metric} {instance} of tenant '{tenant}' was created by another writer while it was migrated; run bastion migrate again.");
        }

        return (reader.GetInt64(0), reader.GetBoolean(1));
    }

    private static async Task<int> ExecuteAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, string sql, CancellationToken cancellationToken, params object[] values)
    {
        await using var command = new NpgsqlCommand(sql, connection, transaction);
        foreach (var value in values)
        {
            command.Parameters.Add(value as NpgsqlParameter ?? new NpgsqlParameter { Value = value });
        }

        return await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
