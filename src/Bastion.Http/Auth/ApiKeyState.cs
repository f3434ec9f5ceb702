namespace Bastion.Http.Auth;

/// <summary>Whether an API key is accepted at a given moment.</summary>
public enum ApiKeyState
{
    /// <summary>Accepted: neither revoked nor past its expiry.</summary>
    Active,

    /// <summary>Refused: its expiry time has passed.</summary>
    Expired,

    /// <summary>Refused: <c>bastion keys revoke</c> revoked it (revocation wins over expiry).</summary>
    Revoked,
}
