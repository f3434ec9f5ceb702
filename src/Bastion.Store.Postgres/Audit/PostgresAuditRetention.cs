using System.Globalization;
using Bastion.Core.Audit;
using Npgsql;

namespace Bastion.Store.Postgres.Audit;

/// <summary>
/// Retention of a tenant's chain in the shared store: deletes its oldest entries past <see cref="StoreAuditRetention"/>
/// and leaves a keyed checkpoint (<c>audit_checkpoints</c>: the last pruned entry's seq and hash) from which
/// <see cref="PostgresAuditVerifier"/> proves the rest of the chain.
/// </summary>
/// <remarks>
/// One run is one transaction under the tenant's transaction-scoped advisory lock
/// (<c>pg_advisory_xact_lock(hashtextextended('bastion audit retention ' || tenant, 0))</c>), so two instances never prune
/// one chain at once: the second waits, then sees the first's checkpoint and prunes only what is still past the limits.
/// Before deleting, the run checks the entries it deletes continue the chain from the previous checkpoint (or seq 1), so
/// pruning never hides a broken chain behind a fresh checkpoint. Appends are not blocked: they add entries above the
/// newest, which is never pruned.
/// </remarks>
public static class PostgresAuditRetention
{
    /// <summary>Prunes the chain of <paramref name="tenant"/> (empty or null: the server's own principals) once.</summary>
    /// <exception cref="AuditUnavailableException">The keyring is missing, the existing checkpoint fails its MAC, or the entries to prune do not chain (nothing was deleted).</exception>
    /// <exception cref="Core.BastionException">The store cannot be reached (nothing was deleted).</exception>
    public static async Task<StorePruning> PruneAsync(PostgresStore store, string? tenant, string keyFile, StoreAuditRetention retention, TimeProvider clock, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(retention);
        ArgumentNullException.ThrowIfNull(clock);
        tenant ??= string.Empty;
        var keyring = StoreAuditKeys.Load(keyFile);
        var name = PostgresAuditChain.TenantName(tenant);
        try
        {
            return await store.InTransactionAsync(
                async (connection, transaction) =>
                {
                    await using (var locking = new NpgsqlCommand("SELECT pg_advisory_xact_lock(hashtextextended('bastion audit retention ' || $1, 0))", connection, transaction))
                    {
                        locking.Parameters.Add(new NpgsqlParameter { Value = tenant });
                        await locking.ExecuteNonQueryAsync(cancellationToken);
                    }

                    var checkpoint = await StoreCheckpoint.ReadAsync(connection, transaction, tenant, cancellationToken);
                    if (checkpoint is not null)
                    {
                        var checkpointKey = keyring.Find(checkpoint.KeyId)
                            ?? throw new AuditUnavailableException($"The retention checkpoint of {name} is keyed with audit key {checkpoint.KeyId}, which is not in {keyFile}; nothing was pruned.");
                        if (!checkpoint.IsValidUnder(tenant, checkpointKey))
                        {
                            throw new AuditUnavailableException($"The retention checkpoint of {name} does not match its MAC (it was edited outside Bastion); nothing was pruned. Examine it with `bastion audit verify --store …`.");
                        }
                    }

                    var (from, total) = (checkpoint?.Seq ?? 0, checkpoint?.Entries ?? 0);
                    var cut = await CutAsync(connection, transaction, tenant, retention, clock.GetUtcNow(), cancellationToken);
                    if (cut <= from)
                    {
                        return new StorePruning(0, from, total);
                    }

                    var hash = await CheckPrunedAsync(connection, transaction, tenant, name, from, checkpoint?.Hash ?? AuditFormat.GenesisHash, cut, keyring, cancellationToken);
                    long deleted;
                    await using (var delete = new NpgsqlCommand("DELETE FROM audit_entries WHERE tenant = $1 AND seq <= $2", connection, transaction))
                    {
                        delete.Parameters.Add(new NpgsqlParameter { Value = tenant });
                        delete.Parameters.Add(new NpgsqlParameter { Value = cut });
                        deleted = await delete.ExecuteNonQueryAsync(cancellationToken);
                    }

                    await StoreCheckpoint.Create(tenant, cut, hash, clock.GetUtcNow(), total + deleted, keyring.Keys[^1])
                        .WriteAsync(connection, transaction, tenant, cancellationToken);
                    return new StorePruning(deleted, cut, total + deleted);
                },
                cancellationToken);
        }
        catch (Exception e) when (PostgresStore.IsStoreFailure(e))
        {
            throw store.Unavailable(e);
        }
    }

    /// <summary>The seq of the newest entry to prune (0: none): the later of the age and size cuts, never the newest entry.</summary>
    private static async Task<long> CutAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, string tenant, StoreAuditRetention retention, DateTimeOffset now, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(
            """
            SELECT least(
                greatest(
                    coalesce((SELECT max(seq) FROM audit_entries WHERE tenant = $1 AND $2::timestamptz IS NOT NULL AND time < $2), 0),
                    coalesce((SELECT max(seq) FROM (
                        SELECT seq, sum(octet_length(line)) OVER (ORDER BY seq DESC) AS kept
                        FROM audit_entries WHERE tenant = $1 AND $3::bigint IS NOT NULL) AS t
                      WHERE kept > $3), 0)),
                coalesce((SELECT max(seq) FROM audit_entries WHERE tenant = $1), 0) - 1)
            """, connection, transaction);
        command.Parameters.Add(new NpgsqlParameter { Value = tenant });
        command.Parameters.Add(new NpgsqlParameter { NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.TimestampTz, Value = retention.MaxAge is { } age ? (now - age).ToUniversalTime() : DBNull.Value });
        command.Parameters.Add(new NpgsqlParameter { NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Bigint, Value = (object?)retention.MaxTotalBytes ?? DBNull.Value });
        return Convert.ToInt64(await command.ExecuteScalarAsync(cancellationToken), CultureInfo.InvariantCulture);
    }

    /// <summary>Checks entries <paramref name="from"/>+1 to <paramref name="cut"/> chain on from <paramref name="prev"/>; returns the hash of entry <paramref name="cut"/>.</summary>
    private static async Task<string> CheckPrunedAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, string tenant, string name, long from, string prev, long cut, AuditKeyring keyring, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand("SELECT seq, line FROM audit_entries WHERE tenant = $1 AND seq <= $2 ORDER BY seq", connection, transaction);
        command.Parameters.Add(new NpgsqlParameter { Value = tenant });
        command.Parameters.Add(new NpgsqlParameter { Value = cut });
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var expected = from + 1;
        while (await reader.ReadAsync(cancellationToken))
        {
            var seq = reader.GetInt64(0);
            AuditEntry entry;
            try
            {
                entry = AuditFormat.ParseVerified(reader.GetFieldValue<byte[]>(1), keyring.Find, out var keyId);
                if (keyId is null)
                {
                    throw new FormatException("the entry is not keyed");
                }
            }
            catch (FormatException e)
            {
                throw Refuse(name, seq, e.Message);
            }

            if (seq != expected || entry.Seq != seq || entry.Prev != prev)
            {
                throw Refuse(name, seq, seq != expected
                    ? string.Create(CultureInfo.InvariantCulture, $"expected seq {expected} there (entries are missing, or remain before the checkpoint)")
                    : "it does not continue the chain (seq or prev do not match)");
            }

            prev = entry.Hash;
            expected++;
        }

        return expected == cut + 1 ? prev : throw Refuse(name, expected, "the entries to prune end before it: entries are missing");
    }

    private static AuditUnavailableException Refuse(string name, long seq, string problem) =>
        new(string.Create(CultureInfo.InvariantCulture, $"Retention did not prune the chain of {name}: seq {seq}: {problem}. Nothing was deleted; examine the chain with `bastion audit verify --store …`."));
}
