using Microsoft.IdentityModel.Protocols;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;
using Microsoft.IdentityModel.Tokens;

namespace Bastion.Http.Auth;

/// <summary>
/// Fetches an authorization server's metadata (RFC 8414, or OpenID Connect discovery: both give <c>issuer</c> and
/// <c>jwks_uri</c>) and then its JSON Web Key Set, for <see cref="ConfigurationManager{T}"/>, which caches and refreshes
/// the result. Tries each of <paramref name="addresses"/> in turn while the metadata cannot be fetched; refuses metadata
/// whose <c>issuer</c> is not <paramref name="issuer"/> (RFC 8414 §3.3) and a key set address that is plain http
/// off loopback.
/// </summary>
/// <param name="issuer">The configured issuer, compared exactly.</param>
/// <param name="addresses">The metadata addresses to try, in order; the first is the one the manager is given.</param>
internal sealed class AuthorizationServerMetadataRetriever(string issuer, IReadOnlyList<string> addresses) : IConfigurationRetriever<OpenIdConnectConfiguration>
{
    public async Task<OpenIdConnectConfiguration> GetConfigurationAsync(string address, IDocumentRetriever retriever, CancellationToken cancel)
    {
        ArgumentNullException.ThrowIfNull(retriever);
        var (from, json) = await FetchMetadataAsync(address, retriever, cancel);
        var configuration = OpenIdConnectConfiguration.Create(json);
        if (!string.Equals(configuration.Issuer, issuer, StringComparison.Ordinal))
        {
            throw new InvalidOperationException($"The metadata at {from} names the issuer '{configuration.Issuer}', not the configured '{issuer}'.");
        }

        if (!Uri.TryCreate(configuration.JwksUri, UriKind.Absolute, out var jwks)
            || !(jwks.Scheme == Uri.UriSchemeHttps || (jwks.Scheme == Uri.UriSchemeHttp && Loopback.IsLoopback(jwks))))
        {
            throw new InvalidOperationException($"The metadata at {from} gives no https jwks_uri (plain http is accepted only on loopback).");
        }

        var keySet = new JsonWebKeySet(await retriever.GetDocumentAsync(jwks.AbsoluteUri, cancel));
        configuration.JsonWebKeySet = keySet;
        foreach (var key in keySet.GetSigningKeys())
        {
            configuration.SigningKeys.Add(key);
        }

        return configuration;
    }

    private async Task<(string Address, string Json)> FetchMetadataAsync(string address, IDocumentRetriever retriever, CancellationToken cancel)
    {
        var candidates = addresses.Count > 0 && addresses[0] == address ? addresses : [address];
        for (var i = 0; ; i++)
        {
            try
            {
                return (candidates[i], await retriever.GetDocumentAsync(candidates[i], cancel));
            }
            catch (IOException) when (i + 1 < candidates.Count)
            {
                // Not there (HttpDocumentRetriever reports any failed fetch as an IOException): try the next address.
            }
        }
    }
}
