using System.Collections.Concurrent;
using System.Threading.RateLimiting;
using Bastion.Core.Policy;
using Bastion.Mcp.Security;

namespace Bastion.Http.RateLimiting;

/// <summary>
/// Token buckets (<see cref="TokenBucketRateLimiter"/>) per principal and per tenant. Tenants never share a bucket, and
/// a principal's bucket is keyed by its tenant too, so one tenant's traffic never spends another's budget. With
/// <paramref name="shared"/> (the shared store), the buckets live there and every instance spends from the same ones.
/// </summary>
public sealed class RequestRateLimiter(RateLimitOptions options, ISharedRateBuckets? shared = null) : IRateBudget, IDisposable
{
    private readonly ConcurrentDictionary<string, TokenBucketRateLimiter> _buckets = new(StringComparer.Ordinal);

    /// <summary>Takes one request from the buckets of <paramref name="principal"/> and its tenant.</summary>
    /// <returns>Null when the request may go ahead; otherwise which budget is spent and how long until it refills.</returns>
    public RateLimitRefusal? TryAcquire(Principal? principal)
    {
        foreach (var (scope, key, rate) in Buckets(principal))
        {
            using var lease = Bucket(key, rate).AttemptAcquire();
            if (!lease.IsAcquired)
            {
                var retryAfter = lease.TryGetMetadata(MetadataName.RetryAfter, out var wait) ? wait : rate.Window;
                return new RateLimitRefusal(scope, rate, retryAfter);
            }
        }

        return null;
    }

    /// <summary>
    /// Takes one request from the buckets of <paramref name="principal"/> and its tenant: the shared buckets when there
    /// are some, else this process's (<see cref="TryAcquire"/>).
    /// </summary>
    /// <exception cref="Core.BastionException">The shared buckets cannot be reached.</exception>
    public async ValueTask<RateLimitRefusal?> TryAcquireAsync(Principal? principal, CancellationToken cancellationToken)
    {
        if (shared is null)
        {
            return TryAcquire(principal);
        }

        foreach (var (scope, key, rate) in Buckets(principal))
        {
            if (await shared.TryTakeAsync(key, BurstOf(rate), rate.Requests / rate.Window.TotalSeconds, cancellationToken) is { } wait)
            {
                return new RateLimitRefusal(scope, rate, TimeSpan.FromSeconds(wait));
            }
        }

        return null;
    }

    /// <inheritdoc/>
    public RateBudget? For(Principal principal)
    {
        ArgumentNullException.ThrowIfNull(principal);
        var buckets = Buckets(principal).ToList();
        if (buckets.Count == 0)
        {
            return null;
        }

        (int Remaining, int Burst) State(string scope)
        {
            var bucket = buckets.FirstOrDefault(b => b.Scope == scope);
            return bucket.Key is null ? (-1, -1) : ((int)(Bucket(bucket.Key, bucket.Rate).GetStatistics()?.CurrentAvailablePermits ?? 0), BurstOf(bucket.Rate));
        }

        var (principalRemaining, principalBurst) = State(RateLimitRefusal.PrincipalScope);
        var (tenantRemaining, tenantBurst) = State(RateLimitRefusal.TenantScope);
        var rate = buckets[0].Rate;
        return new RateBudget(principalRemaining, principalBurst, tenantRemaining, tenantBurst, rate.Requests, rate.Window.TotalSeconds);
    }

    private IEnumerable<(string Scope, string Key, RateSpec Rate)> Buckets(Principal? principal)
    {
        var tenant = principal?.Tenant ?? "local";
        if (options.PerPrincipal is { } perPrincipal)
        {
            yield return (RateLimitRefusal.PrincipalScope, $"p\n{tenant}\n{principal?.Name}", perPrincipal);
        }

        if (options.PerTenant is { } perTenant)
        {
            yield return (RateLimitRefusal.TenantScope, $"t\n{tenant}", perTenant);
        }
    }

    private int BurstOf(RateSpec rate) => options.Burst ?? rate.Requests;

    private TokenBucketRateLimiter Bucket(string key, RateSpec rate) =>
        _buckets.GetOrAdd(key, _ => new TokenBucketRateLimiter(new TokenBucketRateLimiterOptions
        {
            TokenLimit = BurstOf(rate),
            TokensPerPeriod = rate.Requests,
            ReplenishmentPeriod = rate.Window,
            QueueLimit = 0,
            AutoReplenishment = true,
        }));

    /// <inheritdoc/>
    public void Dispose()
    {
        foreach (var bucket in _buckets.Values)
        {
            bucket.Dispose();
        }
    }
}
