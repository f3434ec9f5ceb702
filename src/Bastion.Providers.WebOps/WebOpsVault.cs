using Bastion.Core.Secrets.Vault;

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

    /// <summary>
    /// The Django session Bastion signed in with (kept by Bastion, not set by the user), so that the next process (a
    /// <c>bastion call</c>) reuses it instead of logging in again; see <c>WebOpsSession</c>.
    /// </summary>
    public const string Session = "webops/session";

    /// <summary>The names that hold settings, shown in answers as they are.</summary>
    public static IReadOnlyList<string> Settings { get; } = [Url, Username];

    /// <summary>The names that hold secrets, redacted wherever they appear.</summary>
    public static IReadOnlyList<string> Secrets { get; } = [Token, Password, Session];

    /// <summary>
    /// A tenant's WebOps over HTTP: <c>x-webops-url</c> (the control panel's base address) and <c>x-webops-token</c>
    /// (an API token), or <c>x-webops-username</c> and <c>x-webops-password</c> for a session login.
    /// </summary>
    public static CredentialHeaderSet Headers { get; } = CredentialHeaderSet.Direct("webops",
        [
            ("x-webops-url", Url, false, "the control panel's base address, e.g. https://webops.example.org"),
            ("x-webops-token", Token, true, "an API token (Authorization: Bearer)"),
            ("x-webops-username", Username, false, "the user name of a session login"),
            ("x-webops-password", Password, true, "that login's password"),
        ],
        ["x-webops-username", "x-webops-password"]);
}
