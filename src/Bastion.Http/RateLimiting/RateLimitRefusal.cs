namespace Bastion.Http.RateLimiting;

/// <summary>Why a request was refused for rate: which budget is spent, its rate, and the wait until it refills.</summary>
/// <param name="Scope"><see cref="PrincipalScope"/> or <see cref="TenantScope"/>.</param>
/// <param name="Rate">The budget that is spent.</param>
/// <param name="RetryAfter">Time until the bucket refills.</param>
public sealed record RateLimitRefusal(string Scope, RateSpec Rate, TimeSpan RetryAfter)
{
    /// <summary>The caller's own budget is spent.</summary>
    public const string PrincipalScope = "principal";

    /// <summary>The caller's tenant's budget is spent.</summary>
    public const string TenantScope = "tenant";

    /// <summary>Whole seconds to wait, at least 1, as <c>Retry-After</c> gives them.</summary>
    public int RetryAfterSeconds => Math.Max(1, (int)Math.Ceiling(RetryAfter.TotalSeconds));

    /// <summary>What the caller is told.</summary>
    public string Message => $"Rate limit exceeded: the {Scope} budget of {Rate} requests is spent. Retry after {RetryAfterSeconds} s.";
}
