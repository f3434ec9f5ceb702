using Bastion.Core.Policy;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Bastion.Http.Auth;

/// <summary>
/// OAuth access tokens as an ASP.NET Core JwtBearer scheme (<see cref="SchemeName"/>): signed JWTs (RS256 or ES256)
/// issued by the configured authorization server for this resource. The signature is checked against the server's
/// published keys (<see cref="AuthorizationServerKeys"/>: RFC 8414 discovery, rotation), <c>iss</c> against
/// <see cref="OAuthOptions.Issuer"/> and <c>aud</c> against <see cref="OAuthOptions.Audience"/> by the JwtBearer handler;
/// the rest (shape, <c>crit</c>, lifetime by the injected clock, subject, tenant claim, scopes) by
/// <see cref="OAuthBearerEvents"/>. <see cref="BastionAuthenticationHandler"/> asks this scheme about a bearer token
/// only after the API keys did not recognise it, and answers its refusals as JSON-RPC bodies.
/// </summary>
public static class OAuthBearer
{
    /// <summary>The scheme's name.</summary>
    public const string SchemeName = "OAuth";

    /// <summary>Adds the scheme for <paramref name="options"/>'s authorization server.</summary>
    /// <param name="services">The server's services.</param>
    /// <param name="options">The authorization server and the claims to read; checked here.</param>
    /// <param name="mode">The server's <c>--mode</c>, given to every principal.</param>
    /// <param name="clock">The time <c>exp</c> and <c>nbf</c> are compared with.</param>
    /// <param name="httpClient">Fetches the metadata and keys; a shared default client when null.</param>
    /// <exception cref="Core.BastionException">An option is invalid (see <see cref="OAuthOptions.Validate"/>).</exception>
    public static IServiceCollection AddOAuthBearer(this IServiceCollection services, OAuthOptions options, Mode mode, TimeProvider clock, HttpClient? httpClient = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(clock);
        options.Validate();
        services.AddSingleton(sp => new AuthorizationServerKeys(options, sp.GetRequiredService<ILogger<AuthorizationServerKeys>>(), httpClient));
        services.AddSingleton(sp => new OAuthBearerEvents(options, mode, clock, sp.GetRequiredService<AuthorizationServerKeys>(), sp.GetRequiredService<ILogger<OAuthBearerEvents>>()));
        services.AddAuthentication().AddJwtBearer(SchemeName, _ => { });
        services.AddOptions<JwtBearerOptions>(SchemeName).Configure<AuthorizationServerKeys>((bearer, keys) =>
        {
            bearer.ConfigurationManager = keys;
            bearer.EventsType = typeof(OAuthBearerEvents);
            bearer.MapInboundClaims = false;
            bearer.RefreshOnIssuerKeyNotFound = false;
            bearer.TimeProvider = clock;
            bearer.TokenValidationParameters = new()
            {
                ValidIssuer = options.Issuer,
                ValidAudience = options.Audience,
                ValidAlgorithms = OAuthBearerEvents.Algorithms,
                RequireSignedTokens = true,

                // exp and nbf are checked by OAuthBearerEvents against the injected clock, once the signature has verified.
                ValidateLifetime = false,
                RequireExpirationTime = false,
            };
        });
        return services;
    }
}
