namespace Bastion.Http.RateLimiting;

/// <summary>
/// Token buckets kept outside the process, so that instances sharing them enforce one budget together (90/min per
/// principal means 90 in total, not 90 per instance). The shared store (PostgreSQL) provides them.
/// </summary>
public interface ISharedRateBuckets
{
    /// <summary>Takes one token from bucket <paramref name="key"/> (created full: <paramref name="capacity"/> tokens, refilled at <paramref name="refillPerSecond"/>).</summary>
    /// <returns>Null when the token was taken; else the seconds until one is available.</returns>
    /// <exception cref="Core.BastionException">The buckets cannot be reached; the request is refused, not let through.</exception>
    ValueTask<double?> TryTakeAsync(string key, int capacity, double refillPerSecond, CancellationToken cancellationToken);
}
