using Bastion.Core.Policy;

namespace Bastion.Http.Auth;

/// <summary>What an <see cref="IAuthenticator"/> made of a bearer token.</summary>
/// <param name="Principal">Who the token stands for (name, tenant, scopes); null when it was refused or not recognised.</param>
/// <param name="Error">Why it was refused, in a sentence safe to show the caller (it never contains the token); null on success.</param>
/// <param name="Recognized">False when the token is not of this authenticator's kind at all.</param>
public sealed record AuthResult(Principal? Principal, string? Error, bool Recognized)
{
    /// <summary>The token is not of this kind; another authenticator may know it.</summary>
    public static AuthResult NotMine { get; } = new(null, null, false);

    /// <summary>The token is valid and stands for <paramref name="principal"/>, who must belong to a tenant.</summary>
    public static AuthResult Success(Principal principal)
    {
        ArgumentNullException.ThrowIfNull(principal);
        ArgumentException.ThrowIfNullOrWhiteSpace(principal.Tenant);
        return new(principal, null, true);
    }

    /// <summary>The token is of this kind but refused (bad signature, expired, revoked, unknown key).</summary>
    public static AuthResult Failure(string error) => new(null, error, true);
}
