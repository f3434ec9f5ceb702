using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Bastion.Core.Audit;
using Npgsql;

namespace Bastion.Store.Postgres.Audit;

/// <summary>
/// Proves a tenant's chain in the shared store whole: every row from seq 1 up, each line checked against its own keyed
/// hash (HMAC-SHA256 under the key it names, from the store keyring), its seq the row's, its <c>prev</c> the hash of the
/// entry before; then the head (<c>audit_heads</c>) must name the last entry, with a MAC that matches. The first problem
/// is reported with the tenant and the seq where it is. After retention pruned the oldest entries, the chain starts from
/// the tenant's keyed checkpoint (<c>audit_checkpoints</c>): the first remaining entry must be its seq+1 with <c>prev</c>
/// its hash; a checkpoint edited without the key fails its MAC, and one deleted leaves the chain starting after seq 1.
/// </summary>
public static class PostgresAuditVerifier
{
    /// <summary>The tenants that have a chain in the store (the empty name: the server's own principals).</summary>
    public static async Task<IReadOnlyList<string>> TenantsAsync(PostgresStore store, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(store);
        try
        {
            await using var connection = await store.OpenAsync(cancellationToken);
            await using var command = new NpgsqlCommand("SELECT tenant FROM audit_heads UNION SELECT DISTINCT tenant FROM audit_entries ORDER BY 1", connection);
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            var tenants = new List<string>();
            while (await reader.ReadAsync(cancellationToken))
            {
                tenants.Add(reader.GetString(0));
            }

            return tenants;
        }
        catch (Exception e) when (PostgresStore.IsStoreFailure(e))
        {
            throw store.Unavailable(e);
        }
    }

    /// <summary>Checks the chain of <paramref name="tenant"/> with the keyring in <paramref name="keyFile"/>.</summary>
    /// <exception cref="Core.BastionException">The store cannot be reached.</exception>
    public static async Task<AuditVerification> VerifyAsync(PostgresStore store, string tenant, string keyFile, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(tenant);
        var name = PostgresAuditChain.TenantName(tenant);
        AuditKeyring keyring;
        try
        {
            keyring = StoreAuditKeys.Load(keyFile);
        }
        catch (AuditUnavailableException e)
        {
            return new AuditVerification(false, 0, 0, e.Message);
        }

        try
        {
            await using var connection = await store.OpenAsync(cancellationToken);
            var head = await PostgresAuditChain.ReadHeadAsync(connection, null, tenant, forUpdate: false, cancellationToken);
            var checkpoint = await StoreCheckpoint.ReadAsync(connection, null, tenant, cancellationToken);
            if (checkpoint is not null)
            {
                var checkpointKey = keyring.Find(checkpoint.KeyId);
                if (checkpointKey is null || !checkpoint.IsValidUnder(tenant, checkpointKey))
                {
                    return new AuditVerification(false, 0, 0, checkpointKey is null
                        ? $"{name}: the retention checkpoint is keyed with audit key {checkpoint.KeyId}, which is not in the keyring {keyFile}."
                        : $"{name}: the retention checkpoint does not match its MAC: it was edited outside Bastion.");
                }
            }

            var from = checkpoint?.Seq ?? 0;
            long expected = from + 1;
            var prev = checkpoint?.Hash ?? AuditFormat.GenesisHash;
            long first = 0;
            var keys = new HashSet<string>(StringComparer.Ordinal);
            await using (var command = new NpgsqlCommand("SELECT seq, line FROM audit_entries WHERE tenant = $1 ORDER BY seq", connection))
            {
                command.Parameters.Add(new NpgsqlParameter { Value = tenant });
                await using var reader = await command.ExecuteReaderAsync(cancellationToken);
                while (await reader.ReadAsync(cancellationToken))
                {
                    var seq = reader.GetInt64(0);
                    Func<string, AuditVerification> broken = problem => new AuditVerification(false, expected - 1 - from, 0, $"{name} seq {seq}: {problem}");
                    if (seq != expected)
                    {
                        return new AuditVerification(false, expected - 1 - from, 0, seq < expected
                            ? string.Create(CultureInfo.InvariantCulture, $"{name} seq {seq}: the retention checkpoint says entries up to {from} were pruned, but this one remains: the checkpoint was moved or entries were put back.")
                            : checkpoint is not null && expected == from + 1
                                ? string.Create(CultureInfo.InvariantCulture, $"{name} seq {expected}: missing (the next entry in the store is seq {seq}); the retention checkpoint says the chain continues after entry {from}: entries were deleted.")
                                : string.Create(CultureInfo.InvariantCulture, $"{name} seq {expected}: missing (the next entry in the store is seq {seq}); entries were deleted{(expected == 1 ? ", or the retention checkpoint that covered them was" : string.Empty)}."));
                    }

                    AuditEntry entry;
                    string? keyId;
                    try
                    {
                        entry = AuditFormat.ParseVerified(reader.GetFieldValue<byte[]>(1), keyring.Find, out keyId);
                    }
                    catch (FormatException e)
                    {
                        return broken(e.Message);
                    }

                    if (keyId is null)
                    {
                        return broken("the entry is not keyed; the shared store only holds keyed entries.");
                    }

                    if (entry.Seq != seq)
                    {
                        return broken(string.Create(CultureInfo.InvariantCulture, $"the entry says seq {entry.Seq}; rows were renumbered."));
                    }

                    if (entry.Prev != prev)
                    {
                        return broken(checkpoint is not null && seq == from + 1
                            ? string.Create(CultureInfo.InvariantCulture, $"'prev' is not the hash the retention checkpoint records for entry {from}: the checkpoint or this entry was replaced.")
                            : string.Create(CultureInfo.InvariantCulture, $"'prev' is not the hash of entry {seq - 1}: an entry before it was removed, replaced or reordered."));
                    }

                    first = first == 0 ? seq : first;
                    keys.Add(keyId);
                    prev = entry.Hash;
                    expected++;
                }
            }

            var last = expected - 1;
            var count = last - from;
            if (checkpoint is not null && count == 0)
            {
                return new AuditVerification(false, 0, 0, string.Create(CultureInfo.InvariantCulture,
                    $"{name}: the retention checkpoint says the chain continues after entry {from}, but no entry follows it: the remaining entries were deleted."));
            }

            var headSeq = head?.Seq ?? 0;
            if (headSeq != last)
            {
                return new AuditVerification(false, count, 0, string.Create(CultureInfo.InvariantCulture,
                    $"{name}: the head records seq {headSeq}, but the chain ends at seq {last}{(headSeq > last ? "; its last entries were deleted." : "; entries were added outside Bastion.")}"));
            }

            if (head is { KeyId: { } headKey })
            {
                var key = keyring.Find(headKey);
                if (key is null || head.Mac is null || head.Hash != prev
                    || !CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(key.HeadMac(head.Seq, head.Hash)), Encoding.ASCII.GetBytes(head.Mac)))
                {
                    return new AuditVerification(false, count, 0, $"{name}: the head does not match the last entry or its MAC (it was edited, or the keyring lacks key {headKey}).");
                }
            }
            else if (last > 0)
            {
                return new AuditVerification(false, count, 0, $"{name}: the head carries no key and MAC although the chain holds entries.");
            }

            var note = keys.Count == 0 ? "no entries yet" : $"keyed with {string.Join(", ", keys.Order(StringComparer.Ordinal))}";
            if (checkpoint is not null)
            {
                note += string.Create(CultureInfo.InvariantCulture,
                    $"; from the retention checkpoint: entries 1 to {from} were pruned ({checkpoint.Entries} by retention, last run {AuditFormat.FormatTime(checkpoint.Time.ToUniversalTime())}) and the chain continues from entry {from} (hash {checkpoint.Hash[..16]}…): it covers entries {first} to {last}");
            }

            return new AuditVerification(true, count, 0, null, note);
        }
        catch (Exception e) when (PostgresStore.IsStoreFailure(e))
        {
            throw store.Unavailable(e);
        }
    }
}
