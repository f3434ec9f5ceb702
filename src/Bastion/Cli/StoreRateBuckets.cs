using Bastion.Http.RateLimiting;
using Bastion.Store.Postgres.RateLimiting;

namespace Bastion.Cli;

/// <summary>The HTTP rate limiter's shared buckets, kept in the PostgreSQL store.</summary>
internal sealed class StoreRateBuckets(PostgresRateBuckets buckets) : ISharedRateBuckets
{
    public ValueTask<double?> TryTakeAsync(string key, int capacity, double refillPerSecond, CancellationToken cancellationToken) =>
        buckets.TryTakeAsync(key, capacity, refillPerSecond, cancellationToken);
}
