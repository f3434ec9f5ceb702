namespace Bastion.Http.RateLimiting;

/// <summary>
/// Request budgets, as token buckets: each principal and each tenant has a bucket of <see cref="Burst"/> requests
/// (default: the rate's request count) refilled with the rate's requests at the end of each window. A request takes one
/// token from both; the 91st request of a minute at 90/min is refused with HTTP 429 and <c>Retry-After</c>.
/// </summary>
public sealed record RateLimitOptions
{
    /// <summary>Budget of one principal (API key or OAuth subject), <c>--rate-limit</c>; null: unlimited.</summary>
    public RateSpec? PerPrincipal { get; init; } = RateSpec.Default;

    /// <summary>Budget of one tenant, all its principals together, <c>--tenant-rate-limit</c>; null: unlimited.</summary>
    public RateSpec? PerTenant { get; init; } = RateSpec.Default;

    /// <summary>Bucket size, <c>--rate-burst</c>; null: the rate's request count.</summary>
    public int? Burst { get; init; }
}
