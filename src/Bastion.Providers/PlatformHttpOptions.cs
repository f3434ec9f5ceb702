namespace Bastion.Providers;

/// <summary>How a platform adapter talks HTTP: timeouts, retries of idempotent calls, and the circuit breaker.</summary>
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

    /// <summary>Most items a listing gathers over all its pages (1,000); a longer list is cut with a note.</summary>
    public int MaxItems { get; init; } = 1000;
}
