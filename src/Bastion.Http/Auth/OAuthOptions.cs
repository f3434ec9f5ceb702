using Bastion.Core;

namespace Bastion.Http.Auth;

/// <summary>
/// The OAuth 2.1 authorization server whose access tokens (JWTs) Bastion accepts in HTTP mode, and how a token's
/// claims become a principal. See <see cref="OAuthBearer"/>.
/// </summary>
public sealed record OAuthOptions
{
    /// <summary>The claim that names the tenant unless <see cref="TenantClaim"/> says otherwise.</summary>
    public const string DefaultTenantClaim = "tenant";

    /// <summary>
    /// The authorization server's issuer identifier, exactly as its tokens' <c>iss</c> claim and its metadata's
    /// <c>issuer</c> give it (e.g. <c>https://auth.example.com</c>; a trailing slash matters). HTTPS, except on a loopback
    /// host (127.0.0.0/8, ::1, localhost).
    /// </summary>
    public required string Issuer { get; init; }

    /// <summary>
    /// This server's resource identifier, the URL of its MCP endpoint (e.g. <c>https://bastion.example.com/mcp</c>):
    /// tokens must carry it in <c>aud</c> (RFC 8707 resource indicators), and the protected resource metadata names it.
    /// </summary>
    public required string Audience { get; init; }

    /// <summary>
    /// Where the authorization server's metadata is (it must give <c>issuer</c> and <c>jwks_uri</c>). When null, Bastion
    /// tries the RFC 8414 address (<c>/.well-known/oauth-authorization-server</c>, inserted before the issuer's path),
    /// then the OpenID Connect one (the issuer followed by <c>/.well-known/openid-configuration</c>). HTTPS, except on a
    /// loopback host.
    /// </summary>
    public string? MetadataAddress { get; init; }

    /// <summary>The claim holding the principal's tenant (a string following <see cref="Core.Configuration.TenantName.Rule"/>); default <c>tenant</c>.</summary>
    public string TenantClaim { get; init; } = DefaultTenantClaim;

    /// <summary>Tolerance for clock differences when <c>exp</c> and <c>nbf</c> are checked; default 60 seconds.</summary>
    public TimeSpan ClockSkew { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>
    /// The least time between two fetches of the signing keys caused by a token whose key id (<c>kid</c>) is unknown,
    /// as after a key rotation; default one minute. Bounds how often forged tokens can make Bastion call the server.
    /// </summary>
    public TimeSpan KeyRefreshInterval { get; init; } = TimeSpan.FromMinutes(1);

    /// <summary>How often the metadata and keys are fetched again regardless; default one hour (at least 5 minutes).</summary>
    public TimeSpan AutomaticRefreshInterval { get; init; } = TimeSpan.FromHours(1);

    /// <summary>The metadata addresses to try, in order.</summary>
    /// <exception cref="BastionException">An option is invalid: the message names it and says what is accepted.</exception>
    public IReadOnlyList<string> MetadataAddresses()
    {
        Validate();
        if (MetadataAddress is not null)
        {
            return [MetadataAddress];
        }

        var issuer = new Uri(Issuer);
        var authority = issuer.GetLeftPart(UriPartial.Authority);
        var path = issuer.AbsolutePath.TrimEnd('/');
        return
        [
            authority + "/.well-known/oauth-authorization-server" + path,
            authority + path + "/.well-known/openid-configuration",
        ];
    }

    /// <summary>Checks every option.</summary>
    /// <exception cref="BastionException">An option is invalid: the message names it and says what is accepted.</exception>
    public void Validate()
    {
        RequireUrl(Issuer, "The OAuth issuer", requireSecure: true);
        RequireUrl(Audience, "The OAuth audience (this server's resource URL)", requireSecure: false);
        if (MetadataAddress is not null)
        {
            RequireUrl(MetadataAddress, "The OAuth metadata address", requireSecure: true);
        }

        if (string.IsNullOrWhiteSpace(TenantClaim))
        {
            throw new BastionException("The OAuth tenant claim must name a claim, e.g. tenant.");
        }

        if (ClockSkew < TimeSpan.Zero || ClockSkew > TimeSpan.FromMinutes(10))
        {
            throw new BastionException("The OAuth clock skew must be between 0 and 10 minutes.");
        }

        if (KeyRefreshInterval < TimeSpan.FromSeconds(1))
        {
            throw new BastionException("The OAuth key refresh interval must be at least 1 second.");
        }

        if (AutomaticRefreshInterval < TimeSpan.FromMinutes(5))
        {
            throw new BastionException("The OAuth automatic refresh interval must be at least 5 minutes.");
        }
    }

    private static void RequireUrl(string? value, string what, bool requireSecure)
    {
        if (!Uri.TryCreate(value, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttps && uri.Scheme != Uri.UriSchemeHttp)
            || uri.Fragment.Length > 0 || uri.UserInfo.Length > 0)
        {
            throw new BastionException($"{what} '{value}' is not an absolute http(s) URL without user info or fragment.");
        }

        if (requireSecure && uri.Scheme != Uri.UriSchemeHttps && !Loopback.IsLoopback(uri))
        {
            throw new BastionException($"{what} '{value}' must use https (plain http is accepted only for a loopback host: 127.0.0.1, ::1, localhost).");
        }
    }
}
