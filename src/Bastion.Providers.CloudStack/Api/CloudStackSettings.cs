using Bastion.Core.Secrets.Vault;

namespace Bastion.Providers.CloudStack.Api;

/// <summary>
/// Where CloudStack is and how to authenticate there, as the vault holds it (see <see cref="CloudStackVault"/>).
/// A key pair wins over a login when both are stored. Holds secrets: never log or return one.
/// </summary>
/// <param name="Endpoint">The API endpoint, e.g. <c>https://cloud.example.com/client/api</c>.</param>
/// <param name="ApiKey">The API key; null for a session login.</param>
/// <param name="SecretKey">The secret key; null for a session login.</param>
/// <param name="Username">The login's user name; null with a key pair.</param>
/// <param name="Password">The login's password; null with a key pair.</param>
/// <param name="Domain">The login's domain path (<c>/</c> is ROOT).</param>
/// <param name="SshUser">When set, VMs with an IP become SSH hosts reached as this user.</param>
internal sealed record CloudStackSettings(Uri Endpoint, string? ApiKey, string? SecretKey, string? Username, string? Password, string Domain, string? SshUser)
{
    /// <summary>How requests are authenticated.</summary>
    public CloudStackAuthMode Mode => ApiKey is not null && SecretKey is not null ? CloudStackAuthMode.ApiKey : CloudStackAuthMode.Session;

    /// <summary>
    /// Who calls where, without a secret: the endpoint and the API key, or the endpoint, domain and user name. What is
    /// cached per credentials (the APIs they may call) is keyed by it.
    /// </summary>
    public string Identity => Mode == CloudStackAuthMode.ApiKey
        ? $"{Endpoint.GetLeftPart(UriPartial.Path)} key {ApiKey}"
        : $"{Endpoint.GetLeftPart(UriPartial.Path)} user {Domain}/{Username}";

    /// <summary>Settings with a key pair.</summary>
    public static CloudStackSettings WithKeys(Uri endpoint, string apiKey, string secretKey, string? sshUser = null) =>
        new(endpoint, apiKey, secretKey, null, null, "/", sshUser);

    /// <summary>Settings with a login.</summary>
    public static CloudStackSettings WithLogin(Uri endpoint, string username, string password, string? domain = null, string? sshUser = null) =>
        new(endpoint, null, null, username, password, string.IsNullOrWhiteSpace(domain) ? "/" : domain, sshUser);

    /// <summary>True when the vault holds an endpoint and a key pair or a login.</summary>
    public static bool IsConfigured(PlatformCredentials credentials)
    {
        ArgumentNullException.ThrowIfNull(credentials);
        return credentials.Has(CloudStackVault.Url)
            && (credentials.Has(CloudStackVault.ApiKey, CloudStackVault.SecretKey) || credentials.Has(CloudStackVault.Username, CloudStackVault.Password));
    }

    /// <summary>The settings the vault holds.</summary>
    /// <exception cref="PlatformException">Something is missing or the URL is not an http(s) URL; the message lists the <c>bastion vault set</c> commands to run.</exception>
    public static CloudStackSettings From(PlatformCredentials credentials)
    {
        ArgumentNullException.ThrowIfNull(credentials);
        var url = credentials.Get(CloudStackVault.Url);
        var (apiKey, secretKey) = (credentials.Get(CloudStackVault.ApiKey), credentials.Get(CloudStackVault.SecretKey));
        var (username, password) = (credentials.Get(CloudStackVault.Username), credentials.Get(CloudStackVault.Password));
        var missing = new List<string>();
        if (url is null)
        {
            missing.Add(CloudStackVault.Url);
        }

        var hasKeys = apiKey is not null && secretKey is not null;
        var hasLogin = username is not null && password is not null;
        if (!hasKeys && !hasLogin)
        {
            missing.AddRange(apiKey is not null || secretKey is not null
                ? [apiKey is null ? CloudStackVault.ApiKey : CloudStackVault.SecretKey]
                : username is not null || password is not null
                    ? [username is null ? CloudStackVault.Username : CloudStackVault.Password]
                    : [$"{CloudStackVault.ApiKey} + {CloudStackVault.SecretKey} (or {CloudStackVault.Username} + {CloudStackVault.Password})"]);
        }

        if (missing.Count > 0)
        {
            throw new PlatformException(CloudStackClient.Platform, NotConfigured(credentials.Tenant, missing));
        }

        if (!Uri.TryCreate(url, UriKind.Absolute, out var endpoint) || endpoint.Scheme is not ("https" or "http") || !string.IsNullOrEmpty(endpoint.Query))
        {
            throw new PlatformException(CloudStackClient.Platform, $"the vault value {CloudStackVault.Url} is not an http(s) URL without a query, like https://cloud.example.com/client/api. Store it again with: {SetCommand(credentials.Tenant, CloudStackVault.Url)}");
        }

        var sshUser = credentials.Get(CloudStackVault.SshUser);
        return hasKeys
            ? WithKeys(endpoint, apiKey!, secretKey!, sshUser)
            : WithLogin(endpoint, username!, password!, credentials.Get(CloudStackVault.Domain), sshUser);
    }

    /// <summary>The sentence that says what to store, for a tenant.</summary>
    public static string NotConfigured(string tenant, IReadOnlyList<string> missing) =>
        $"not configured{(tenant == CredentialVault.DefaultTenant ? string.Empty : $" for tenant '{tenant}'")}: missing {string.Join(", ", missing)}. " +
        "Store the API endpoint and either a key pair (preferred) or a login in Bastion's vault; each command reads the value from stdin or a hidden prompt: " +
        $"{SetCommand(tenant, CloudStackVault.Url)} (e.g. https://cloud.example.com/client/api); " +
        $"{SetCommand(tenant, CloudStackVault.ApiKey)}; {SetCommand(tenant, CloudStackVault.SecretKey)}. " +
        $"Or, instead of the key pair: {SetCommand(tenant, CloudStackVault.Username)}; {SetCommand(tenant, CloudStackVault.Password)}; " +
        $"optionally {SetCommand(tenant, CloudStackVault.Domain)} (domain path, default /).";

    private static string SetCommand(string tenant, string name) =>
        tenant == CredentialVault.DefaultTenant ? $"bastion vault set {name}" : $"bastion vault set {name} --tenant {tenant}";

    /// <summary>Never prints a secret.</summary>
    public override string ToString() => $"CloudStack at {Endpoint.GetLeftPart(UriPartial.Path)} ({Mode})";
}
