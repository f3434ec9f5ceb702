using Bastion.Core.Credentials;

namespace Bastion.Providers.Cloudways.Api;

/// <summary>
/// The bearer token for the next call: the stored access token as it is, or the token exchanged for email + API key
/// through the <see cref="TokenProvider"/> (renewed ahead of expiry, one exchange for all concurrent callers). A
/// cached token issued for another email/key than the vault holds now is dropped and exchanged again.
/// </summary>
internal sealed class CloudwaysAuth(TokenProvider provider, CloudwaysTokenExchange exchange)
{
    /// <summary>The token provider of the email + API key flow (what credentials_status reports).</summary>
    public TokenProvider Provider => provider;

    /// <summary>The bearer token to send with <paramref name="credentials"/>.</summary>
    /// <exception cref="PlatformException">Nothing is configured.</exception>
    /// <exception cref="TokenRevokedException">Cloudways refused the email + API key.</exception>
    /// <exception cref="Core.BastionException">No token could be obtained.</exception>
    public async Task<string> BearerAsync(CloudwaysCredentials credentials, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(credentials);
        switch (credentials.Mode)
        {
            case CloudwaysAuthMode.AccessToken:
                return credentials.AccessToken!;
            case CloudwaysAuthMode.ApiKey:
                var token = await provider.GetTokenAsync(cancellationToken);
                if (exchange.FingerprintOf(token) == credentials.Fingerprint)
                {
                    return token;
                }

                // The vault holds another email or key than the one this token was issued for: never use it again.
                provider.Invalidate(token);
                return await provider.GetTokenAsync(cancellationToken);
            default:
                throw NotConfigured();
        }
    }

    /// <summary>Cloudways answered 401 to <paramref name="token"/>: the next <see cref="BearerAsync"/> exchanges again.</summary>
    public void Refused(string token) => provider.Invalidate(token);

    /// <summary>The error for a call made while nothing is configured.</summary>
    public static PlatformException NotConfigured() => new(
        CloudwaysApi.Platform,
        $"not configured: store an access token as {CloudwaysVault.AccessToken}, or an email and API key as {CloudwaysVault.Email} and {CloudwaysVault.ApiKey} (`bastion vault set NAME`; in HTTP mode send the x-cloudways-* headers).");
}
