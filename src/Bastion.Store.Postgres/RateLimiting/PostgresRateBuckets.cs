using Npgsql;

namespace Bastion.Store.Postgres.RateLimiting;

/// <summary>
/// Token buckets in <c>rate_buckets</c>, one row per bucket, spent by every instance sharing the store. Taking a token is
/// one statement (an upsert whose update only happens when the refilled bucket holds a token), so racing instances queue
/// on the row and never overspend; the refill is computed from the database's clock, the one clock they share. The
/// statement commits without waiting for its WAL flush (<see cref="PostgresStore.OpenUnflushedAsync"/>), so the row is
/// held for the update alone: a crash of the database may hand back the tokens of its last moments, nothing more.
/// </summary>
public sealed class PostgresRateBuckets(PostgresStore store)
{
    /// <summary>Takes one token from <paramref name="key"/>; null when taken, else the seconds until a token is there.</summary>
    /// <exception cref="Core.BastionException">The store cannot be reached.</exception>
    public async ValueTask<double?> TryTakeAsync(string key, int capacity, double refillPerSecond, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(key);
        ArgumentOutOfRangeException.ThrowIfLessThan(capacity, 1);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(refillPerSecond);
        try
        {
            await using var connection = await store.OpenUnflushedAsync(cancellationToken);
            await using var take = new NpgsqlCommand(
                """
                INSERT INTO rate_buckets AS b (key, tokens, updated) VALUES ($1, $2 - 1, clock_timestamp())
                ON CONFLICT (key) DO UPDATE
                   SET tokens = least($2, b.tokens + extract(epoch FROM clock_timestamp() - b.updated) * $3) - 1,
                       updated = clock_timestamp()
                 WHERE least($2, b.tokens + extract(epoch FROM clock_timestamp() - b.updated) * $3) >= 1
                RETURNING tokens
                """, connection);
            take.Parameters.Add(new NpgsqlParameter { Value = key });
            take.Parameters.Add(new NpgsqlParameter { Value = (double)capacity });
            take.Parameters.Add(new NpgsqlParameter { Value = refillPerSecond });
            if (await take.ExecuteScalarAsync(cancellationToken) is not null)
            {
                return null;
            }

            await using var wait = new NpgsqlCommand(
                "SELECT greatest(0, (1 - least($2, tokens + extract(epoch FROM clock_timestamp() - updated) * $3)) / $3) FROM rate_buckets WHERE key = $1",
                connection);
            wait.Parameters.Add(new NpgsqlParameter { Value = key });
            wait.Parameters.Add(new NpgsqlParameter { Value = (double)capacity });
            wait.Parameters.Add(new NpgsqlParameter { Value = refillPerSecond });
            return Convert.ToDouble(await wait.ExecuteScalarAsync(cancellationToken) ?? 1 / refillPerSecond, System.Globalization.CultureInfo.InvariantCulture);
        }
        catch (Exception e) when (PostgresStore.IsStoreFailure(e))
        {
            throw store.Unavailable(e);
        }
    }
}
