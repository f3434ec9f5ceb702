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
/// is reported with the tenant and the seq where it is.
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
            long expected = 1;
            var prev = AuditFormat.GenesisHash;
            var keys = new HashSet<string>(StringComparer.Ordinal);
            await using (var command = new NpgsqlCommand("SELECT seq, line FROM audit_entries WHERE tenant = $1 ORDER BY seq", connection))
            {
                command.Parameters.Add(new NpgsqlParameter { Value = tenant });
                await using var reader = await command.ExecuteReaderAsync(cancellationToken);
                while (await reader.ReadAsync(cancellationToken))
                {
                    var seq = reader.GetInt64(0);
                    Func<string, AuditVerification> broken = problem => new AuditVerification(false, expected - 1, 0, $"{name} seq {seq}: {problem}");
                    if (seq != expected)
                    {
                        return new AuditVerification(false, expected - 1, 0, $"{name} seq {expected}: missing (the next entry in the store is seq {seq}); entries were deleted.");
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
                        return broken(string.Create(CultureInfo.InvariantCulture, $"'prev' is not the hash of entry {seq - 1}: an entry before it was removed, replaced or reordered."));
                    }

                    keys.Add(keyId);
                    prev = entry.Hash;
                    expected++;
                }
            }

            var last = expected - 1;
            var headSeq = head?.Seq ?? 0;
            if (headSeq != last)
            {
                return new AuditVerification(false, last, 0, string.Create(CultureInfo.InvariantCulture,
                    $"{name}: the head records seq {headSeq}, but the chain ends at seq {last}{(headSeq > last ? "; its last entries were deleted." : "; entries were added outside Bastion.")}"));
            }

            if (head is { KeyId: { } headKey })
            {
                var key = keyring.Find(headKey);
                if (key is null || head.Mac is null || head.Hash != prev
                    || !CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(key.HeadMac(head.Seq, head.Hash)), Encoding.ASCII.GetBytes(head.Mac)))
                {
                    return new AuditVerification(false, last, 0, $"{name}: the head does not match the last entry or its MAC (it was edited, or the keyring lacks key {headKey}).");
                }
            }
            else if (last > 0)
            {
                return new AuditVerification(false, last, 0, $"{name}: the head carries no key and MAC although the chain holds entries.");
            }

            return new AuditVerification(true, last, 0, null, keys.Count == 0 ? "no entries yet" : $"keyed with {string.Join(", ", keys.Order(StringComparer.Ordinal))}");
        }
        catch (Exception e) when (PostgresStore.IsStoreFailure(e))
        {
            throw store.Unavailable(e);
        }
    }
}
