namespace Bastion.Core.Credentials;

/// <summary>The values of <see cref="TokenStatus.State"/>.</summary>
public static class TokenStates
{
    /// <summary>A token is cached and has not expired; the last refresh succeeded.</summary>
    public const string Valid = "valid";

    /// <summary>The cached token has expired; the next call renews it.</summary>
    public const string Expired = "expired";

    /// <summary>No token was asked for yet.</summary>
    public const string NeverFetched = "never_fetched";

    /// <summary>The last refresh failed on a transient error (after its retries); a cached token may still be valid, see ExpiresInSeconds.</summary>
    public const string Failing = "failing";

    /// <summary>The platform refused the credential at the last refresh; a new one has to be set.</summary>
    public const string Revoked = "revoked";
}
