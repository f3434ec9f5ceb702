namespace Bastion.Fakes.Cloudways;

/// <summary>How a <see cref="CloudwaysFake"/> behaves.</summary>
public sealed record FakeOptions
{
    /// <summary>Port on 127.0.0.1; 0 picks a free one.</summary>
    public int Port { get; init; }

    /// <summary>The account's login email.</summary>
    public string Email { get; init; } = "ops@example.test";

    /// <summary>The account's API key (the token exchange accepts only this, with <see cref="Email"/>).</summary>
    public string ApiKey { get; init; } = "cw-apikey-7d1f0c9a4e2b";

    /// <summary>Role-scoped access tokens the fake accepts as bearer tokens, with their role (READ, LIMITED or FULL).</summary>
    public IReadOnlyDictionary<string, string> AccessTokens { get; init; } = new Dictionary<string, string>(StringComparer.Ordinal);

    /// <summary>How long an exchanged token is accepted, and what <c>expires_in</c> says (3600 s).</summary>
    public TimeSpan TokenLifetime { get; init; } = TimeSpan.FromHours(1);

    /// <summary>Looks at an operation before it completes: it completes on this poll (2).</summary>
    public int PollsToComplete { get; init; } = 2;

    /// <summary>Alerts per page of <c>GET /alerts/</c> (3).</summary>
    public int AlertsPageSize { get; init; } = 3;

    /// <summary>The clock of token expiry.</summary>
    public TimeProvider Clock { get; init; } = TimeProvider.System;

    /// <summary>Requests per <see cref="RateLimitWindow"/> for the account (a limiter in front of every route); null (the default): none.</summary>
    public int? RateLimit { get; init; }

    /// <summary>The window of <see cref="RateLimit"/> (60 s).</summary>
    public TimeSpan RateLimitWindow { get; init; } = TimeSpan.FromSeconds(60);
}
