using Bastion.Core.Secrets.Vault;

namespace Bastion.Providers.Cloudways;

/// <summary>
/// The vault entries Cloudways is configured with, in the caller's vault namespace (<c>bastion vault set NAME</c> for the
/// local user; in HTTP mode the headers <c>x-cloudways-email</c>, <c>x-cloudways-api-key</c> and
/// <c>x-cloudways-access-token</c> land in the tenant's vault under the same names).
/// </summary>
public static class CloudwaysVault
{
    /// <summary>The account's login email, exchanged with <see cref="ApiKey"/> for an access token.</summary>
    public const string Email = "cloudways/email";

    /// <summary>The account's API key (Cloudways platform → API Integration).</summary>
    public const string ApiKey = "cloudways/api-key";

    /// <summary>A role-scoped access token (READ, LIMITED or FULL ACCESS), sent as it is; takes precedence over email + API key.</summary>
    public const string AccessToken = "cloudways/access-token";

    /// <summary>Optional base URL of the REST API, e.g. <c>https://api.cloudways.com/api/v2</c>; default <see cref="DefaultUrl"/>.</summary>
    public const string Url = "cloudways/url";

    /// <summary>The REST API base used when <see cref="Url"/> is not set.</summary>
    public const string DefaultUrl = "https://api.cloudways.com/api/v1";

    /// <summary>The name the token provider is registered under (what <c>credentials_status</c> lists).</summary>
    public const string TokenName = "cloudways";

    /// <summary>The names that hold settings, shown in answers as they are.</summary>
    public static IReadOnlyList<string> Settings { get; } = [Email, Url];

    /// <summary>The names that hold secrets, redacted wherever they appear.</summary>
    public static IReadOnlyList<string> Secrets { get; } = [ApiKey, AccessToken];

    /// <summary>
    /// A tenant's Cloudways over HTTP: <c>x-cloudways-email</c> and <c>x-cloudways-api-key</c> (sent together), or
    /// <c>x-cloudways-access-token</c>; optionally <c>x-cloudways-url</c> for another API base.
    /// </summary>
    public static CredentialHeaderSet Headers { get; } = CredentialHeaderSet.Direct("cloudways",
        [
            ("x-cloudways-email", Email, false, "the account's login email"),
            ("x-cloudways-api-key", ApiKey, true, "the account's API key"),
            ("x-cloudways-access-token", AccessToken, true, "a role-scoped access token (instead of email + API key)"),
            ("x-cloudways-url", Url, false, "optional: the REST API base, default " + DefaultUrl),
        ],
        ["x-cloudways-email", "x-cloudways-api-key"]);
}
