using Bastion.Core.Credentials;

namespace Bastion.Providers.Cloudways;

/// <summary>How Bastion talks to Cloudways: HTTP resilience, operation polling and token renewal.</summary>
public sealed record CloudwaysOptions
{
    /// <summary>Timeouts, retries of idempotent calls (GETs and polls only), the circuit breaker, and the item cap of listings.</summary>
    public PlatformHttpOptions Http { get; init; } = new();

    /// <summary>Time between two looks at a running operation (<c>GET /operation/{id}</c>); 5 s.</summary>
    public TimeSpan PollInterval { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>Longest wait for an operation before the tool returns and says it may still finish; 10 minutes.</summary>
    public TimeSpan PollTimeout { get; init; } = TimeSpan.FromMinutes(10);

    /// <summary>
    /// Renewal and retries of the access token exchanged for email + API key (renewed 5 minutes before it expires). The
    /// credential kind and vault key in messages are always Cloudways'.
    /// </summary>
    public TokenProviderOptions Tokens { get; init; } = new();
}
