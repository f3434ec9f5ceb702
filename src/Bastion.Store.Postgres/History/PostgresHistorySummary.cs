using Npgsql;

namespace Bastion.Store.Postgres.History;

/// <summary>Counts every tenant's history rows in the shared store (schema step 7's tables), one query.</summary>
public static class PostgresHistorySummary
{
    /// <summary>Every tenant with a tick, series or alert row, by name.</summary>
    /// <exception cref="Core.BastionException">The store cannot be reached.</exception>
    public static Task<IReadOnlyList<TenantHistory>> TenantsAsync(PostgresStore store, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(store);
        return store.RunAsync<IReadOnlyList<TenantHistory>>(
            async connection =>
            {
                await using var command = new NpgsqlCommand(
                    """
                    WITH tenants AS (SELECT tenant FROM history_ticks UNION SELECT tenant FROM history_series UNION SELECT tenant FROM history_alerts)
                    SELECT t.tenant,
                           (SELECT count(*) FROM history_ticks k WHERE k.tenant = t.tenant),
                           (SELECT count(*) FROM history_series s WHERE s.tenant = t.tenant),
                           (SELECT count(*) FROM history_samples d JOIN history_series s ON s.id = d.series WHERE s.tenant = t.tenant),
                           (SELECT count(*) FROM history_rollups r JOIN history_series s ON s.id = r.series WHERE s.tenant = t.tenant),
                           (SELECT count(*) FROM history_alerts a WHERE a.tenant = t.tenant),
                           (SELECT min(ts) FROM history_ticks k WHERE k.tenant = t.tenant),
                           (SELECT max(ts) FROM history_ticks k WHERE k.tenant = t.tenant)
                    FROM tenants t ORDER BY t.tenant COLLATE "C"
                    """, connection);
                var result = new List<TenantHistory>();
                await using var reader = await command.ExecuteReaderAsync(cancellationToken);
                while (await reader.ReadAsync(cancellationToken))
                {
                    DateTimeOffset? At(int i) => reader.IsDBNull(i) ? null : DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(i));
                    result.Add(new TenantHistory(reader.GetString(0), reader.GetInt64(1), reader.GetInt64(2), reader.GetInt64(3), reader.GetInt64(4), reader.GetInt64(5), At(6), At(7)));
                }

                return result;
            },
            cancellationToken);
    }
}
