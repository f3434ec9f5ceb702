using System.ComponentModel;

namespace Bastion.Core.Credentials;

/// <summary>Where one credential's access token stands. Never holds the token.</summary>
public sealed record TokenStatus(
    [property: Description("Name of the credential.")] string Name,
    [property: Description("valid, expired, never_fetched, failing (the last refresh failed; a cached token may still serve) or revoked (the platform refused the credential).")] string State,
    [property: Description("Seconds until the cached token expires (negative: expired that long ago); null when no token is cached.")] double? ExpiresInSeconds,
    [property: Description("When a token was last obtained; null if never.")] DateTimeOffset? LastRefresh,
    [property: Description("Why the last refresh failed; null once a refresh succeeds.")] string? LastError,
    [property: Description("Tokens obtained since start.")] int Refreshes);
