using Bastion.Core.History;
using Npgsql;

namespace Bastion.Store.Postgres.Leadership;

/// <summary>
/// The history collector's leadership of one tenant among the instances of a shared store: a session advisory lock
/// (<c>pg_try_advisory_lock(LockClass, hashtext(tenant))</c>) taken without waiting on a connection of its own, outside
/// the pool, and held while that connection lives. The instance whose process dies, or whose connection breaks, loses
/// it: PostgreSQL ends the session and frees the lock, and the holder notices on its next probe
/// (<paramref name="probeInterval"/>) and stops.
/// </summary>
public sealed class PostgresCollectorLeadership(PostgresStore store, string tenant, TimeSpan probeInterval) : ICollectorLeadership
{
    /// <summary>The first key of the collector locks (the second is the hash of the tenant's name).</summary>
    internal const int LockClass = 0x4243_4f4c;

    /// <inheritdoc/>
    public string Name => $"advisory lock in {store.Location.Display}, tenant '{(tenant.Length == 0 ? "default" : tenant)}'";

    /// <inheritdoc/>
    public async Task<ILeadershipLease?> TryAcquireAsync(CancellationToken cancellationToken)
    {
        var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(store.Location.ConnectionString) { Pooling = false }.ConnectionString);
        try
        {
            await connection.OpenAsync(cancellationToken);
            await using var command = new NpgsqlCommand("SELECT pg_try_advisory_lock($1, hashtext($2))", connection);
            command.Parameters.Add(new NpgsqlParameter<int> { TypedValue = LockClass });
            command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = tenant });
            if (await command.ExecuteScalarAsync(cancellationToken) is not true)
            {
                return null;
            }

            var lease = new PostgresLeadershipLease(connection, probeInterval);
            connection = null;
            return lease;
        }
        catch (Exception e) when (PostgresStore.IsStoreFailure(e))
        {
            throw store.Unavailable(e);
        }
        finally
        {
            if (connection is not null)
            {
                await connection.DisposeAsync();
            }
        }
    }
}
