namespace Bastion.Providers.WebOps;

/// <summary>
/// The vault entries WebOps is configured with, in the caller's vault namespace (<c>bastion vault set NAME</c> for the
/// local user; in HTTP mode the header <c>x-webops-token</c> lands in the tenant's vault as <see cref="Token"/>).
/// </summary>
public static class WebOpsVault
{
    /// <summary>The control panel's base address, e.g. <c>https://webops.example.org</c> (http or https, no query).</summary>
    public const string Url = "webops/url";

    /// <summary>An API token, sent as <c>Authorization: Bearer</c>.</summary>
    public const string Token = "webops/token";

    /// <summary>The user name of a Django session login (a WebOps user without two-factor login).</summary>
    public const string Username = "webops/username";

    /// <summary>The password of that login; sent only in the body of the login POST.</summary>
    public const string Password = "webops/password";
}
