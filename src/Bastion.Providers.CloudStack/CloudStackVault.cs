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
}
