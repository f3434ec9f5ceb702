namespace Bastion.Providers.CloudStack.Bootstrap;

/// <summary>
/// What <c>bastion cloudstack bootstrap</c> works with: the endpoint, the account the service user belongs in, its name,
/// and the administrator's credentials (a login, or a domain administrator's key pair). Holds secrets: never logged.
/// </summary>
/// <param name="Endpoint">The API endpoint, e.g. <c>https://cloud.example.com/client/api</c>.</param>
/// <param name="Account">The account the service user is created in (it must exist).</param>
/// <param name="ServiceUser">The service user's name (default <c>bastion</c>).</param>
/// <param name="AdminUsername">The administrator's user name for <c>login</c>; null with a key pair.</param>
/// <param name="AdminPassword">Its password; null with a key pair.</param>
/// <param name="AdminDomain">Its domain path (<c>/</c> is ROOT).</param>
/// <param name="AdminApiKey">A domain administrator's API key; null with a login.</param>
/// <param name="AdminSecretKey">Its secret key; null with a login.</param>
public sealed record CloudStackBootstrapRequest(
    Uri Endpoint,
    string Account,
    string ServiceUser,
    string? AdminUsername,
    string? AdminPassword,
    string? AdminDomain,
    string? AdminApiKey,
    string? AdminSecretKey)
{
    /// <summary>Never prints a secret.</summary>
    public override string ToString() => $"bootstrap {ServiceUser} in account {Account} at {Endpoint.GetLeftPart(UriPartial.Path)}";
}
