using Bastion.Core.Confirmation;
using Npgsql;

namespace Bastion.Store.Postgres.Confirmation;

/// <summary>
/// The replay guard of all instances sharing the store: a single-use id (of a 2026-07-28 confirmation's request state)
/// is accepted once, whichever instance it reaches. One row per used id in <c>replay_guard</c>, inserted with
/// <c>ON CONFLICT DO NOTHING</c> (the primary key decides between instances racing on the same id); rows past their
/// expiry are swept by the same statement.
/// </summary>
public sealed class PostgresReplayGuard(PostgresStore store) : IReplayGuard
{
    /// <inheritdoc/>
    /// <exception cref="Core.BastionException">The store cannot be reached: the confirmation is refused, never accepted twice.</exception>
    public async ValueTask<bool> TryConsumeAsync(string id, DateTimeOffset expires, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(id);
        try
        {
            await using var connection = await store.OpenAsync(cancellationToken);
            await using var command = new NpgsqlCommand(
                """
                WITH swept AS (DELETE FROM replay_guard WHERE expires < now() - interval '1 minute')
                INSERT INTO replay_guard (id, expires) VALUES ($1, $2) ON CONFLICT (id) DO NOTHING
                """, connection);
            command.Parameters.Add(new NpgsqlParameter { Value = id });
            command.Parameters.Add(new NpgsqlParameter { Value = expires.ToUniversalTime() });
            return await command.ExecuteNonQueryAsync(cancellationToken) == 1;
        }
        catch (Exception e) when (PostgresStore.IsStoreFailure(e))
        {
            throw store.Unavailable(e);
        }
    }
}
