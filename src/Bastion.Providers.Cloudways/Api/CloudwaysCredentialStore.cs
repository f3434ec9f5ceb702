using System.Net;

namespace Bastion.Providers.Cloudways.Api;

/// <summary>
/// Reads the Cloudways entries of the caller's vault (see <see cref="CloudwaysVault"/>) each time they are
/// needed, so a key changed with <c>bastion vault set</c> or sent in a new HTTP header takes effect on the next call.
/// </summary>
internal sealed class CloudwaysCredentialStore(PlatformCredentials vault)
{
    /// <summary>The tenant whose vault is read.</summary>
    public string Tenant => vault.Tenant;

    /// <summary>True when an access token, or an email and an API key, are stored.</summary>
    public bool IsConfigured => vault.Has(CloudwaysVault.AccessToken) || vault.Has(CloudwaysVault.Email, CloudwaysVault.ApiKey);

    /// <summary>The stored values now.</summary>
    /// <exception cref="PlatformException">The stored URL is not an absolute https URL (http is accepted for loopback only).</exception>
    /// <exception cref="Core.BastionException">The vault cannot be opened.</exception>
    public CloudwaysCredentials Read()
    {
        var url = vault.Get(CloudwaysVault.Url)?.Trim();
        return new CloudwaysCredentials(
            vault.Get(CloudwaysVault.Email)?.Trim(),
            vault.Get(CloudwaysVault.ApiKey)?.Trim(),
            vault.Get(CloudwaysVault.AccessToken)?.Trim(),
            ParseUrl(string.IsNullOrEmpty(url) ? CloudwaysVault.DefaultUrl : url),
            !string.IsNullOrEmpty(url));
    }

    /// <summary>The base URL, checked: credentials go over TLS, except to a loopback address (a local fake or proxy).</summary>
    public static Uri ParseUrl(string text)
    {
        if (!Uri.TryCreate(text.TrimEnd('/'), UriKind.Absolute, out var url) || (url.Scheme != Uri.UriSchemeHttps && url.Scheme != Uri.UriSchemeHttp))
        {
            throw new PlatformException("Cloudways", $"the stored {CloudwaysVault.Url} is not an http(s) URL; set it with `bastion vault set {CloudwaysVault.Url}` (e.g. {CloudwaysVault.DefaultUrl}) or remove it.");
        }

        if (url.Scheme == Uri.UriSchemeHttp && !IsLoopback(url))
        {
            throw new PlatformException("Cloudways", $"the stored {CloudwaysVault.Url} uses plain http to a host that is not loopback; credentials would travel unencrypted. Use https.");
        }

        return url;
    }

    private static bool IsLoopback(Uri url) =>
        url.IsLoopback || (IPAddress.TryParse(url.Host, out var address) && IPAddress.IsLoopback(address));
}
