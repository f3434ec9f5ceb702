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

    /// <summary>Deployments asked for per page when listing (100; WebOps's <c>per_page</c>, default 20 there).</summary>
    public int PageSize { get; init; } = 100;
}
