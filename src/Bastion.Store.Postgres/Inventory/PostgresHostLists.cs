using System.Text.Json;
using Bastion.Core;
using Bastion.Core.Inventory;
using Npgsql;
using NpgsqlTypes;

namespace Bastion.Store.Postgres.Inventory;

/// <summary>
/// One tenant's platform host lists in the shared store (<c>host_lists</c>: one row per tenant and backend, the hosts
/// as JSON, the listing's error, and when it was listed by the database's clock), for <c>serve --store</c>. A stale
/// list is refreshed under a transaction-level advisory lock on the tenant and backend
/// (<c>pg_advisory_xact_lock(LockClass, hashtext(…))</c>): of the instances that find it stale at once, one lists the
/// platform and the others wait and read its list. A listing that fails rolls the transaction back: nothing is stored.
/// </summary>
/// <param name="store">The shared store.</param>
/// <param name="tenant">The tenant whose hosts these are (empty: the server's own).</param>
public sealed class PostgresHostLists(PostgresStore store, string tenant) : ISharedHostLists
{
    /// <summary>The first key of the host list locks (the second is the hash of tenant and backend).</summary>
    internal const int LockClass = 0x4243_484c;

    /// <inheritdoc/>
    public Task<HostListing> GetOrListAsync(string backend, TimeSpan maxAge, bool force, Func<IReadOnlyList<Host>?, CancellationToken, Task<HostListing>> list, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(backend);
        ArgumentNullException.ThrowIfNull(list);
        return store.InTransactionAsync(
            async (connection, transaction) =>
            {
                await using (var locking = new NpgsqlCommand("SELECT pg_advisory_xact_lock($1, hashtext($2 || E'\\n' || $3))", connection, transaction))
                {
                    locking.Parameters.Add(new NpgsqlParameter<int> { TypedValue = LockClass });
                    locking.Parameters.Add(new NpgsqlParameter<string> { TypedValue = tenant });
                    locking.Parameters.Add(new NpgsqlParameter<string> { TypedValue = backend });
                    await locking.ExecuteNonQueryAsync(cancellationToken);
                }

                IReadOnlyList<Host>? stored = null;
                await using (var read = new NpgsqlCommand(
                    "SELECT hosts::text, error, extract(epoch FROM clock_timestamp() - listed)::float8 FROM host_lists WHERE tenant = $1 AND backend = $2", connection, transaction))
                {
                    read.Parameters.Add(new NpgsqlParameter<string> { TypedValue = tenant });
                    read.Parameters.Add(new NpgsqlParameter<string> { TypedValue = backend });
                    await using var row = await read.ExecuteReaderAsync(cancellationToken);
                    if (await row.ReadAsync(cancellationToken))
                    {
                        stored = JsonSerializer.Deserialize(row.GetString(0), HostListJson.Default.ListHost) ?? [];
                        var age = TimeSpan.FromSeconds(Math.Max(0, row.GetDouble(2)));
                        if (!force && age < maxAge)
                        {
                            return new HostListing(stored, row.IsDBNull(1) ? null : row.GetString(1), age);
                        }
                    }
                }

                var listing = await list(stored, cancellationToken);
                await using (var write = new NpgsqlCommand(
                    """
                    INSERT INTO host_lists (tenant, backend, hosts, error, listed) VALUES ($1, $2, $3::json, $4, clock_timestamp())
                    ON CONFLICT (tenant, backend) DO UPDATE SET hosts = EXCLUDED.hosts, error = EXCLUDED.error, listed = EXCLUDED.listed
                    """,
                    connection,
                    transaction))
                {
                    write.Parameters.Add(new NpgsqlParameter<string> { TypedValue = tenant });
                    write.Parameters.Add(new NpgsqlParameter<string> { TypedValue = backend });
                    write.Parameters.Add(new NpgsqlParameter<string> { TypedValue = JsonSerializer.Serialize(listing.Hosts.ToList(), HostListJson.Default.ListHost) });
                    write.Parameters.Add(new NpgsqlParameter { NpgsqlDbType = NpgsqlDbType.Text, Value = (object?)listing.Error ?? DBNull.Value });
                    await write.ExecuteNonQueryAsync(cancellationToken);
                }

                return listing with { Age = TimeSpan.Zero };
            },
            cancellationToken);
    }
}
