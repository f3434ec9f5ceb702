namespace Bastion.Providers.Cloudways.Api;

/// <summary>How Bastion authenticates to Cloudways.</summary>
internal enum CloudwaysAuthMode
{
    /// <summary>Nothing is configured.</summary>
    None,

    /// <summary>A role-scoped access token from the vault, sent as the bearer token; no exchange, no renewal.</summary>
    AccessToken,

    /// <summary>Email + API key exchanged at <c>POST /oauth/access_token</c> for a bearer token that Bastion renews.</summary>
    ApiKey,
}
