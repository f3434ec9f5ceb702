namespace Bastion.Http.Auth;

/// <summary>
/// Turns the bearer token of an HTTP request (<c>Authorization: Bearer …</c>) into a principal: a Bastion API key, or
/// an access token from the configured OAuth authorization server. The token is checked here and never passed on.
/// </summary>
public interface IAuthenticator
{
    /// <summary>
    /// Checks <paramref name="token"/>. Answers <see cref="AuthResult.NotMine"/> when the token is not of this
    /// authenticator's kind (so the next one may try), a failure when it is but is invalid, expired or revoked.
    /// </summary>
    ValueTask<AuthResult> AuthenticateAsync(string token, CancellationToken cancellationToken);
}
