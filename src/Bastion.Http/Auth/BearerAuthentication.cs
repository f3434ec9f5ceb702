using Bastion.Core.Policy;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Http;

namespace Bastion.Http.Auth;

/// <summary>
/// Authenticates MCP requests by their bearer token against each authenticator in turn (API keys), then, when OAuth is
/// configured and the token looks like a JWT, through the <paramref name="oauthScheme"/> authentication scheme.
/// Without authentication configured (loopback only) every request runs as the local user. A request without a token,
/// or with one no authenticator accepts, is answered 401 with a <c>WWW-Authenticate</c> challenge that points at the
/// protected resource metadata.
/// </summary>
internal sealed class BearerAuthentication(IReadOnlyList<IAuthenticator> authenticators, Func<bool> required, string resourceMetadata, string? oauthScheme = null)
{
    /// <summary>The principal of <paramref name="request"/>, or the challenge to answer with when there is none.</summary>
    public async ValueTask<(Principal? Principal, string? Challenge, string? Error)> AuthenticateAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        if (!required())
        {
            return (null, null, null);
        }

        var header = request.Headers.Authorization.ToString();
        if (!header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase) || header[7..].Trim() is not { Length: > 0 } token)
        {
            return (null, Challenge(null), "Unauthorized: send Authorization: Bearer <API key or access token>.");
        }

        foreach (var authenticator in authenticators)
        {
            var result = await authenticator.AuthenticateAsync(token, cancellationToken);
            if (result.Principal is { } principal)
            {
                return (principal, null, null);
            }

            if (result.Recognized)
            {
                return (null, Challenge(result.Error), $"Unauthorized: {result.Error}");
            }
        }

        if (oauthScheme is not null && token.AsSpan().Count('.') == 2)
        {
            var result = await request.HttpContext.AuthenticateAsync(oauthScheme);
            if (result.Succeeded && result.Principal?.Identity is PrincipalIdentity identity)
            {
                return (identity.Principal, null, null);
            }

            if (result.Failure is { } failure)
            {
                return (null, Challenge(failure.Message), $"Unauthorized: {failure.Message}");
            }
        }

        const string unknown = "the token is neither a Bastion API key nor an access token of the configured authorization server.";
        return (null, Challenge(unknown), $"Unauthorized: {unknown}");
    }

    private string Challenge(string? error) =>
        error is null ? BearerChallenge.MissingToken(resourceMetadata) : BearerChallenge.InvalidToken(resourceMetadata, error);
}
