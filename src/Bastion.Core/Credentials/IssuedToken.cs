namespace Bastion.Core.Credentials;

/// <summary>An access token a platform issued, and when it stops being accepted.</summary>
/// <param name="AccessToken">The bearer token. Secret: never logged, never in a status.</param>
/// <param name="ExpiresAt">When the platform stops accepting it (for a reply with <c>expires_in</c>: the time of the reply plus that many seconds).</param>
public sealed record IssuedToken(string AccessToken, DateTimeOffset ExpiresAt)
{
    /// <summary>Shows when the token expires, never the token.</summary>
    public override string ToString() => $"IssuedToken {{ AccessToken = ***, ExpiresAt = {ExpiresAt:O} }}";
}
