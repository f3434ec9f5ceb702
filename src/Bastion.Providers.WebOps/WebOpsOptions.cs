namespace Bastion.Providers.WebOps;

/// <summary>How Bastion talks to WebOps: HTTP resilience, and how it follows work WebOps queues in the background.</summary>
public sealed record WebOpsOptions
{
    /// <summary>Timeouts, retries (GETs only: WebOps's POST and DELETE routes are never sent twice) and the circuit breaker.</summary>
    public PlatformHttpOptions Http { get; init; } = new();

    /// <summary>
    /// Time between looks at a deployment while a deploy, stop, restart or delete is followed (3 s). WebOps gives no job
    /// handle or completion signal; Bastion reads the deployment (or its process) again until it changes.
    /// </summary>
    public TimeSpan PollInterval { get; init; } = TimeSpan.FromSeconds(3);

    /// <summary>
    /// Requests the control panel allows per <see cref="RequestWindow"/> from one address (20: its global limit per
    /// client IP at 06ba752, login included); a wait spends at most half of it on looks (see <c>PollPacer</c>). Null: no
    /// pacing (a panel without the limit). A 429 is waited out either way.
    /// </summary>
    public int? RequestBudget { get; init; } = 20;

    /// <summary>The window of <see cref="RequestBudget"/> (60 s).</summary>
    public TimeSpan RequestWindow { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>Deployments asked for per page when listing (100; WebOps's <c>per_page</c>, default 20 there).</summary>
    public int PageSize { get; init; } = 100;
}
