namespace Bastion.Core.Credentials;

/// <summary>
/// Trades a platform's long-lived credential (an API key, a client secret) for a short-lived access token: the one HTTP
/// call a platform adapter implements. <see cref="TokenProvider"/> adds caching, renewal, single-flight and retries.
/// </summary>
public interface ITokenExchange
{
    /// <summary>Asks the platform for a new access token.</summary>
    /// <param name="ct">Ends the call (a per-attempt timeout; never one caller giving up).</param>
    /// <returns>The token and when it expires.</returns>
    /// <exception cref="TokenRevokedException">The platform refused the credential (401/403 style); it is not retried.</exception>
    /// <remarks>
    /// Any other exception is taken as transient and retried. Exception messages end up in logs and in the token
    /// status, so they must never contain the credential or the token.
    /// </remarks>
    Task<IssuedToken> ExchangeAsync(CancellationToken ct);
}
