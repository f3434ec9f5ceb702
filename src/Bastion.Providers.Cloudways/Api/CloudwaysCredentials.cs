using System.Security.Cryptography;
using System.Text;

namespace Bastion.Providers.Cloudways.Api;

/// <summary>What the vault holds for Cloudways at one moment. Secret fields never appear in a message or a log.</summary>
/// <param name="Email">The login email, or null.</param>
/// <param name="ApiKey">The API key, or null.</param>
/// <param name="AccessToken">The role-scoped access token, or null.</param>
/// <param name="BaseUrl">The REST base URL, without a trailing slash.</param>
/// <param name="CustomUrl">True when the base URL came from the vault.</param>
internal sealed record CloudwaysCredentials(string? Email, string? ApiKey, string? AccessToken, Uri BaseUrl, bool CustomUrl)
{
    /// <summary>Which flow these credentials allow; an access token wins over email + API key.</summary>
    public CloudwaysAuthMode Mode =>
        !string.IsNullOrWhiteSpace(AccessToken) ? CloudwaysAuthMode.AccessToken
        : !string.IsNullOrWhiteSpace(Email) && !string.IsNullOrWhiteSpace(ApiKey) ? CloudwaysAuthMode.ApiKey
        : CloudwaysAuthMode.None;

    /// <summary>
    /// A digest of the email + API key pair (and the base URL it is sent to): a token exchanged for one fingerprint is
    /// never used once the vault holds another.
    /// </summary>
    public string Fingerprint => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes($"{Email}\n{ApiKey}\n{BaseUrl}")));

    /// <summary>Shows the mode and the URL, never a secret.</summary>
    public override string ToString() => $"CloudwaysCredentials {{ Mode = {Mode}, BaseUrl = {BaseUrl} }}";
}
