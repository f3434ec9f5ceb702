using Npgsql;
using NpgsqlTypes;

namespace Bastion.Store.Postgres.Keys;

/// <summary>
/// The API keys of every instance sharing the store, one row per key in <c>api_keys</c> (hash only; the key's text is
/// shown once by whoever made it). A revocation is one UPDATE, so every instance refuses the key from its next lookup.
/// </summary>
public sealed class PostgresApiKeys(PostgresStore store)
{
    /// <summary>Adds <paramref name="key"/>; false when a key with its id is already there (then nothing changes).</summary>
    /// <exception cref="Core.BastionException">The store cannot be reached.</exception>
    public Task<bool> AddAsync(StoreApiKey key, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(key);
        return store.RunAsync(
            async connection =>
            {
                await using var command = new NpgsqlCommand(
                    """
                    INSERT INTO api_keys (id, tenant, name, scopes, sha256, created, expires, revoked) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
                    ON CONFLICT (id) DO NOTHING
                    """, connection);
                command.Parameters.Add(new NpgsqlParameter { Value = key.Id });
                command.Parameters.Add(new NpgsqlParameter { Value = key.Tenant });
                command.Parameters.Add(new NpgsqlParameter { NpgsqlDbType = NpgsqlDbType.Text, Value = (object?)key.Name ?? DBNull.Value });
                command.Parameters.Add(new NpgsqlParameter { Value = key.Scopes.ToArray() });
                command.Parameters.Add(new NpgsqlParameter { Value = key.Sha256 });
                command.Parameters.Add(new NpgsqlParameter { Value = key.Created.ToUniversalTime() });
                command.Parameters.Add(new NpgsqlParameter { NpgsqlDbType = NpgsqlDbType.TimestampTz, Value = (object?)key.Expires?.ToUniversalTime() ?? DBNull.Value });
                command.Parameters.Add(new NpgsqlParameter { NpgsqlDbType = NpgsqlDbType.TimestampTz, Value = (object?)key.Revoked?.ToUniversalTime() ?? DBNull.Value });
                return await command.ExecuteNonQueryAsync(cancellationToken) == 1;
            },
            cancellationToken);
    }

    /// <summary>The keys of <paramref name="tenant"/> (every tenant's when null), by tenant then creation time.</summary>
    public Task<IReadOnlyList<StoreApiKey>> ListAsync(string? tenant, CancellationToken cancellationToken) =>
        QueryAsync("WHERE $1::text IS NULL OR tenant = $1 ORDER BY tenant COLLATE \"C\", created, id", tenant, cancellationToken);

    /// <summary>The key with <paramref name="id"/>, revoked or not; null when there is none.</summary>
    public async Task<StoreApiKey?> FindAsync(string id, CancellationToken cancellationToken) =>
        (await QueryAsync("WHERE id = $1", id, cancellationToken)).SingleOrDefault();

    /// <summary>Revokes the key <paramref name="id"/> at the database's clock; returns the key and whether this call revoked it (false: it already was). Null: no such key.</summary>
    public Task<(StoreApiKey Key, bool Changed)?> RevokeAsync(string id, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(id);
        return store.RunAsync<(StoreApiKey, bool)?>(
            async connection =>
            {
                await using (var command = new NpgsqlCommand("UPDATE api_keys SET revoked = now() WHERE id = $1 AND revoked IS NULL", connection))
                {
                    command.Parameters.Add(new NpgsqlParameter { Value = id });
                    var changed = await command.ExecuteNonQueryAsync(cancellationToken) == 1;
                    var key = (await ReadAsync(connection, "WHERE id = $1", id, cancellationToken)).SingleOrDefault();
                    return key is null ? null : (key, changed);
                }
            },
            cancellationToken);
    }

    private Task<IReadOnlyList<StoreApiKey>> QueryAsync(string where, string? parameter, CancellationToken cancellationToken) =>
        store.RunAsync(connection => ReadAsync(connection, where, parameter, cancellationToken), cancellationToken);

    private static async Task<IReadOnlyList<StoreApiKey>> ReadAsync(NpgsqlConnection connection, string where, string? parameter, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand("SELECT id, tenant, name, scopes, sha256, created, expires, revoked FROM api_keys " + where, connection);
        command.Parameters.Add(new NpgsqlParameter { NpgsqlDbType = NpgsqlDbType.Text, Value = (object?)parameter ?? DBNull.Value });
        var keys = new List<StoreApiKey>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            keys.Add(new StoreApiKey(
                reader.GetString(0),
                reader.GetString(1),
                reader.IsDBNull(2) ? null : reader.GetString(2),
                reader.GetFieldValue<string[]>(3),
                reader.GetString(4),
                reader.GetFieldValue<DateTimeOffset>(5),
                reader.IsDBNull(6) ? null : reader.GetFieldValue<DateTimeOffset>(6),
                reader.IsDBNull(7) ? null : reader.GetFieldValue<DateTimeOffset>(7)));
        }

        return keys;
    }
}
