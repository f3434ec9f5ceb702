using Bastion.Core.Alerts;
using Npgsql;
using NpgsqlTypes;

namespace Bastion.Store.Postgres.History;

/// <summary>
/// A tenant's alert states in the shared store (<c>history_alerts</c>): one row per alert, open while <c>ended</c> is
/// null; a partial unique index keeps one open alert per tenant, rule and host even when two instances race (the
/// collector's leader writes; every instance reads). Times are Unix milliseconds, UTC.
/// </summary>
/// <param name="store">The shared store.</param>
/// <param name="tenant">Whose alerts: every statement is bound to it.</param>
public sealed class PostgresAlertStore(PostgresStore store, string tenant) : IAlertStore
{
    /// <inheritdoc/>
    public Task<IReadOnlyList<AlertEvent>> FiringAsync(CancellationToken cancellationToken) =>
        store.RunAsync(
            async connection =>
            {
                await using var command = new NpgsqlCommand($"SELECT {AlertRows.Columns} FROM history_alerts WHERE tenant = $1 AND ended IS NULL ORDER BY started, id", connection);
                command.Parameters.Add(new NpgsqlParameter { Value = tenant });
                return await AlertRows.ReadAllAsync(command, cancellationToken);
            },
            cancellationToken);

    /// <inheritdoc/>
    public Task<AlertEvent> FireAsync(AlertEvent alert, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(alert);
        return store.RunAsync(
            async connection =>
            {
                // A second open alert of the same rule and host is not recorded: the one that fires already stands.
                await using var command = new NpgsqlCommand(
                    """
                    INSERT INTO history_alerts (tenant, rule, host, severity, metric, condition, value, started) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
                    ON CONFLICT (tenant, rule, host) WHERE ended IS NULL DO NOTHING RETURNING id
                    """, connection);
                command.Parameters.Add(new NpgsqlParameter { Value = tenant });
                command.Parameters.Add(new NpgsqlParameter { Value = alert.Rule });
                command.Parameters.Add(new NpgsqlParameter { Value = alert.Host });
                command.Parameters.Add(new NpgsqlParameter { Value = alert.Severity });
                command.Parameters.Add(new NpgsqlParameter { Value = alert.Metric });
                command.Parameters.Add(new NpgsqlParameter { Value = alert.Condition });
                command.Parameters.Add(new NpgsqlParameter { Value = alert.Value });
                command.Parameters.Add(new NpgsqlParameter { Value = alert.StartedAt.ToUnixTimeMilliseconds() });
                var id = await command.ExecuteScalarAsync(cancellationToken) as long?;
                return alert with { Id = id ?? 0, State = AlertEvent.Firing, EndedAt = null, EndValue = null };
            },
            cancellationToken);
    }

    /// <inheritdoc/>
    public Task<AlertEvent?> ResolveAsync(long id, DateTimeOffset at, double? value, CancellationToken cancellationToken) =>
        store.RunAsync(
            async connection =>
            {
                await using var command = new NpgsqlCommand($"UPDATE history_alerts SET ended = $1, end_value = $2 WHERE tenant = $3 AND id = $4 AND ended IS NULL RETURNING {AlertRows.Columns}", connection);
                command.Parameters.Add(new NpgsqlParameter { Value = at.ToUnixTimeMilliseconds() });
                command.Parameters.Add(new NpgsqlParameter { NpgsqlDbType = NpgsqlDbType.Double, Value = (object?)value ?? DBNull.Value });
                command.Parameters.Add(new NpgsqlParameter { Value = tenant });
                command.Parameters.Add(new NpgsqlParameter { Value = id });
                return (await AlertRows.ReadAllAsync(command, cancellationToken)).SingleOrDefault();
            },
            cancellationToken);

    /// <inheritdoc/>
    public Task<AlertPage> ListAsync(AlertQuery query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        // Every filter is a parameter; an absent one is null and passes.
        const string Filter = """
            tenant = $1
            AND ($2::text IS NULL OR ($2 = 'firing') = (ended IS NULL))
            AND ($3::bigint IS NULL OR ended IS NULL OR ended >= $3 OR started >= $3)
            AND ($4::text[] IS NULL OR host = ANY ($4))
            """;
        return store.RunAsync(
            async connection =>
            {
                await using var count = new NpgsqlCommand($"SELECT count(*) FROM history_alerts WHERE {Filter}", connection);
                await using var list = new NpgsqlCommand($"SELECT {AlertRows.Columns} FROM history_alerts WHERE {Filter} ORDER BY coalesce(ended, started) DESC, id DESC LIMIT $5", connection);
                foreach (var command in new[] { count, list })
                {
                    command.Parameters.Add(new NpgsqlParameter { Value = tenant });
                    command.Parameters.Add(new NpgsqlParameter { NpgsqlDbType = NpgsqlDbType.Text, Value = query.State is AlertEvent.Firing or AlertEvent.Resolved ? query.State : DBNull.Value });
                    command.Parameters.Add(new NpgsqlParameter { NpgsqlDbType = NpgsqlDbType.Bigint, Value = (object?)query.Since?.ToUnixTimeMilliseconds() ?? DBNull.Value });
                    command.Parameters.Add(new NpgsqlParameter { NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Text, Value = query.Hosts is { } hosts ? hosts.ToArray() : DBNull.Value });
                }

                list.Parameters.Add(new NpgsqlParameter { Value = Math.Max(1, query.Limit) });
                var total = Convert.ToInt32(await count.ExecuteScalarAsync(cancellationToken), System.Globalization.CultureInfo.InvariantCulture);
                return new AlertPage(await AlertRows.ReadAllAsync(list, cancellationToken), total);
            },
            cancellationToken);
    }
}
