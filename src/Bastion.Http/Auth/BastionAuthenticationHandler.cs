using System.Text.Encodings.Web;
using Bastion.Http.Transport;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Bastion.Http.Auth;

/// <summary>
/// ASP.NET Core authentication of MCP requests (scheme <see cref="SchemeName"/>): the bearer token goes to each registered
/// <see cref="IAuthenticator"/> in order (Bastion API keys), then to the <see cref="OAuthBearer"/> scheme when OAuth is
/// configured, through <see cref="BearerAuthentication"/>. Success gives a <see cref="PrincipalIdentity"/>; without authentication configured
/// (loopback only) there is no result and the request runs as the local user. The challenge answers 401 with a
/// <c>WWW-Authenticate</c> header pointing at the protected resource metadata and a JSON-RPC error body saying why.
/// </summary>
internal sealed class BastionAuthenticationHandler(
    IOptionsMonitor<BastionAuthenticationOptions> options,
    ILoggerFactory logger,
    UrlEncoder encoder) : AuthenticationHandler<BastionAuthenticationOptions>(options, logger, encoder)
{
    /// <summary>The scheme's name.</summary>
    public const string SchemeName = "Bastion";

    private const string ChallengeKey = "bastion.auth.challenge";
    private const string ErrorKey = "bastion.auth.error";

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var authenticators = Context.RequestServices.GetServices<IAuthenticator>().ToList();
        var bearer = new BearerAuthentication(authenticators, Options.Required, Options.ResourceMetadataUrl, Options.OAuthScheme);
        var (principal, challenge, error) = await bearer.AuthenticateAsync(Request, Context.RequestAborted);
        if (principal is not null)
        {
            return AuthenticateResult.Success(new AuthenticationTicket(new(new PrincipalIdentity(principal, SchemeName)), SchemeName));
        }

        if (challenge is null)
        {
            return AuthenticateResult.NoResult();
        }

        Context.Items[ChallengeKey] = challenge;
        Context.Items[ErrorKey] = error;
        return AuthenticateResult.Fail(error ?? "Unauthorized.");
    }

    protected override async Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        await HandleAuthenticateOnceSafeAsync();
        Response.Headers.WWWAuthenticate = Context.Items[ChallengeKey] as string ?? BearerChallenge.MissingToken(Options.ResourceMetadataUrl);
        await JsonRpcErrors.WriteAsync(Context, StatusCodes.Status401Unauthorized, Context.Items[ErrorKey] as string ?? "Unauthorized: send Authorization: Bearer <API key or access token>.");
    }

    /// <summary>True when the request must be challenged: authentication is required and did not succeed.</summary>
    public static bool MustChallenge(HttpContext context, BastionAuthenticationOptions options) =>
        options.Required() && RequestPrincipal.Get(context) is null;
}
