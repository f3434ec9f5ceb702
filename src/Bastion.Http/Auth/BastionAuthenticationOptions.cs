using Microsoft.AspNetCore.Authentication;

namespace Bastion.Http.Auth;

/// <summary>Options of the <see cref="BastionAuthenticationHandler"/> scheme.</summary>
internal sealed class BastionAuthenticationOptions : AuthenticationSchemeOptions
{
    /// <summary>Whether requests must carry a token now (asked on each request: API keys created while the server runs turn it on).</summary>
    public Func<bool> Required { get; set; } = () => false;

    /// <summary>The URL of the protected resource metadata (RFC 9728), named in every challenge.</summary>
    public string ResourceMetadataUrl { get; set; } = string.Empty;

    /// <summary>The scheme that checks OAuth access tokens (<see cref="OAuthBearer.SchemeName"/>), or null without OAuth.</summary>
    public string? OAuthScheme { get; set; }
}
