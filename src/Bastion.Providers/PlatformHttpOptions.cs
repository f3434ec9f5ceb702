namespace Bastion.Providers;

/// <summary>How a platform adapter talks HTTP: timeouts, retries of idempotent calls, rate-limit waits, and the circuit breakers (one per endpoint).</summary>
public sealed record PlatformHttpOptions
{
    /// <summary>Time one attempt may take (30 s).</summary>
    public TimeSpan AttemptTimeout { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>Retries of an idempotent call after a transient failure (3), with exponential backoff and jitter.</summary>
    public int Retries { get; init; } = 3;

    /// <summary>First backoff delay (0.5 s), doubled each retry.</summary>
    public TimeSpan RetryDelay { get; init; } = TimeSpan.FromMilliseconds(500);

    /// <summary>Share of failed calls within <see cref="BreakerWindow"/> that opens the breaker (0.5).</summary>
    public double BreakerFailureRatio { get; init; } = 0.5;

    /// <summary>Calls within the window before the breaker may open (6).</summary>
    public int BreakerMinimumCalls { get; init; } = 6;

    /// <summary>Window over which failures are counted (30 s).</summary>
    public TimeSpan BreakerWindow { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>How long an open breaker refuses calls before letting one through (15 s).</summary>
    public TimeSpan BreakDuration { get; init; } = TimeSpan.FromSeconds(15);

    /// <summary>
    /// Most time one call spends waiting out 429 answers, all waits together (60 s); a wait that would pass it returns
    /// the 429 for the adapter to report. Keep it below the call's own deadline.
    /// </summary>
    public TimeSpan RateLimitMaxWait { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>The wait after a 429 that says neither <c>Retry-After</c> nor <c>retry_after</c> (5 s).</summary>
    public TimeSpan RateLimitDefaultWait { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>Most items a listing gathers over all its pages (1,000); a longer list is cut with a note.</summary>
    public int MaxItems { get; init; } = 1000;
}
