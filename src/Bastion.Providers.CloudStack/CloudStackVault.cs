using Bastion.Core.Secrets.Vault;

namespace Bastion.Providers.CloudStack;

/// <summary>The names CloudStack's settings are stored under in the caller's vault namespace.</summary>
public static class CloudStackVault
{
    /// <summary>The API endpoint, e.g. <c>https://cloud.example.com/client/api</c>.</summary>
    public const string Url = "cloudstack/url";

    /// <summary>The API key of a key pair (signed requests).</summary>
    public const string ApiKey = "cloudstack/api-key";

    /// <summary>The secret key of a key pair; it signs, and is never sent.</summary>
    public const string SecretKey = "cloudstack/secret-key";

    /// <summary>The user name of a login (session), when there is no key pair.</summary>
    public const string Username = "cloudstack/username";

    /// <summary>The password of a login; sent only in the body of the <c>login</c> POST.</summary>
    public const string Password = "cloudstack/password";

    /// <summary>The login's domain path (optional; default <c>/</c>, the ROOT domain).</summary>
    public const string Domain = "cloudstack/domain";

    /// <summary>Optional SSH user: when set, VMs with an IP address become SSH hosts reached as this user.</summary>
    public const string SshUser = "cloudstack/ssh-user";

    /// <summary>The names that hold settings, shown in answers as they are (an SSH user such as <c>ubuntu</c> is one).</summary>
    public static IReadOnlyList<string> Settings { get; } = [Url, Username, Domain, SshUser];

    /// <summary>The names that hold secrets, redacted wherever they appear.</summary>
    public static IReadOnlyList<string> Secrets { get; } = [ApiKey, SecretKey, Password];

    /// <summary>
    /// A tenant's CloudStack over HTTP: <c>x-cloudstack-url</c> (the API endpoint), <c>x-cloudstack-api-key</c> and
    /// <c>x-cloudstack-secret-key</c> (a key pair, sent together), and optionally <c>x-cloudstack-ssh-user</c>.
    /// </summary>
    public static CredentialHeaderSet Headers { get; } = CredentialHeaderSet.Direct("cloudstack",
        [
            ("x-cloudstack-url", Url, false, "the API endpoint, e.g. https://cloud.example.com/client/api"),
            ("x-cloudstack-api-key", ApiKey, true, "the API key of a key pair"),
            ("x-cloudstack-secret-key", SecretKey, true, "its secret key (signs requests; never sent on)"),
            ("x-cloudstack-ssh-user", SshUser, false, "optional: VMs with an address become SSH hosts reached as this user"),
        ],
        ["x-cloudstack-api-key", "x-cloudstack-secret-key"]);
}
