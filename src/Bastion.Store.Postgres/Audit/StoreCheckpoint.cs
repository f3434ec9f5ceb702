using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Bastion.Core.Audit;
using Npgsql;

namespace Bastion.Store.Postgres.Audit;

/// <summary>
/// A row of <c>audit_checkpoints</c>: where a tenant's chain continues after retention pruned its oldest entries — the
/// seq and hash of the last pruned entry, when the last pruning ran (UTC, millisecond precision), how many entries were
/// pruned in all, and the id of the store audit key and the HMAC-SHA256 under it of
/// <c>bastion-store-audit-checkpoint/v1\n{tenant}\n{seq}\n{hash}\n{unix ms}\n{entries}</c> (the tenant is signed, so a
/// checkpoint cannot be moved to another tenant's chain).
/// </summary>
internal sealed record StoreCheckpoint(long Seq, string Hash, DateTimeOffset Time, long Entries, string KeyId, string Mac)
{
    /// <summary>A checkpoint of <paramref name="tenant"/> after entry <paramref name="seq"/>, MAC'd under <paramref name="key"/>.</summary>
    public static StoreCheckpoint Create(string tenant, long seq, string hash, DateTimeOffset time, long entries, AuditKey key)
    {
        time = DateTimeOffset.FromUnixTimeMilliseconds(time.ToUnixTimeMilliseconds());
        return new StoreCheckpoint(seq, hash, time, entries, key.Id, key.Mac(Signed(tenant, seq, hash, time, entries)));
    }

    /// <summary>Whether the MAC of this checkpoint of <paramref name="tenant"/> is valid under <paramref name="key"/>.</summary>
    public bool IsValidUnder(string tenant, AuditKey key) =>
        key.Id == KeyId && CryptographicOperations.FixedTimeEquals(
            Encoding.ASCII.GetBytes(key.Mac(Signed(tenant, Seq, Hash, Time, Entries))), Encoding.ASCII.GetBytes(Mac));

    /// <summary>The checkpoint of <paramref name="tenant"/>, or null when its chain was never pruned.</summary>
    public static async Task<StoreCheckpoint?> ReadAsync(NpgsqlConnection connection, NpgsqlTransaction? transaction, string tenant, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand("SELECT seq, hash, time, entries, key_id, mac FROM audit_checkpoints WHERE tenant = $1", connection, transaction);
        command.Parameters.Add(new NpgsqlParameter { Value = tenant });
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken)
            ? new StoreCheckpoint(reader.GetInt64(0), reader.GetString(1), reader.GetFieldValue<DateTimeOffset>(2), reader.GetInt64(3), reader.GetString(4), reader.GetString(5))
            : null;
    }

    /// <summary>Writes (or replaces) the checkpoint of <paramref name="tenant"/> in the transaction.</summary>
    public async Task WriteAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, string tenant, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(
            """
            INSERT INTO audit_checkpoints (tenant, seq, hash, time, entries, key_id, mac) VALUES ($1, $2, $3, $4, $5, $6, $7)
            ON CONFLICT (tenant) DO UPDATE SET seq = $2, hash = $3, time = $4, entries = $5, key_id = $6, mac = $7
            """, connection, transaction);
        command.Parameters.Add(new NpgsqlParameter { Value = tenant });
        command.Parameters.Add(new NpgsqlParameter { Value = Seq });
        command.Parameters.Add(new NpgsqlParameter { Value = Hash });
        command.Parameters.Add(new NpgsqlParameter { Value = Time.ToUniversalTime() });
        command.Parameters.Add(new NpgsqlParameter { Value = Entries });
        command.Parameters.Add(new NpgsqlParameter { Value = KeyId });
        command.Parameters.Add(new NpgsqlParameter { Value = Mac });
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private static byte[] Signed(string tenant, long seq, string hash, DateTimeOffset time, long entries) =>
        Encoding.UTF8.GetBytes(string.Create(CultureInfo.InvariantCulture,
            $"bastion-store-audit-checkpoint/v1\n{tenant}\n{seq}\n{hash}\n{time.ToUnixTimeMilliseconds()}\n{entries}"));
}
