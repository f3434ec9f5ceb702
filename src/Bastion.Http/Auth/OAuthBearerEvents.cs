using System.Globalization;
using System.Security.Claims;
using System.Text.Json;
using Bastion.Core.Configuration;
using Bastion.Core.Policy;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.Extensions.Logging;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Bastion.Http.Auth;

/// <summary>
/// What Bastion adds to the JwtBearer scheme's checks of an access token (see <see cref="OAuthBearer"/>): the token's
/// shape and header before validation, the claims that make a principal after it, the wait for new keys after a key
/// rotation, and refusals that say which check failed, never repeating the token.
/// </summary>
/// <remarks>
/// <para>Before validation: anything that is not a three-part JWT is no result (another scheme may know it); the
/// algorithm must be RS256 or ES256; a header carrying <c>crit</c> (RFC 7515 §4.1.11) is refused, as Bastion understands
/// no JWS extension.</para>
/// <para>After the signature, <c>iss</c> and <c>aud</c> have verified: <c>exp</c> must be present and not past and
/// <c>nbf</c> (if present) reached, both within <see cref="OAuthOptions.ClockSkew"/> by the injected clock; <c>sub</c>
/// present; the tenant claim a valid tenant name. The principal is <c>oauth:&lt;sub&gt;</c> of that tenant, with the
/// server's mode and the Bastion scopes (<see cref="Scopes.All"/>) found in <c>scope</c> (space-separated) and
/// <c>scp</c> (a string or an array); other scopes are ignored.</para>
/// </remarks>
internal sealed partial class OAuthBearerEvents(OAuthOptions options, Mode mode, TimeProvider clock, AuthorizationServerKeys keys, ILogger<OAuthBearerEvents> logger)
    : JwtBearerEvents
{
    /// <summary>The signature algorithms accepted.</summary>
    public static readonly string[] Algorithms = [SecurityAlgorithms.RsaSha256, SecurityAlgorithms.EcdsaSha256];

    private const string Accepted = "RS256 and ES256";
    private const string TokenKey = "bastion.oauth.token";

    public override Task MessageReceived(MessageReceivedContext context)
    {
        var header = context.Request.Headers.Authorization.ToString();
        var token = header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase) ? header[7..].Trim() : string.Empty;
        if (token.AsSpan().Count('.') != 2)
        {
            // Not a signed JWT (header.payload.signature): an API key, an opaque token, or an encrypted JWT (five parts).
            context.NoResult();
            return Task.CompletedTask;
        }

        context.Token = token;
        context.HttpContext.Items[TokenKey] = token;
        if (Shape(token) is { } problem)
        {
            LogRefused(logger, problem);
            context.Fail(problem);
        }

        return Task.CompletedTask;
    }

    public override Task TokenValidated(TokenValidatedContext context)
    {
        Admit(context, (JsonWebToken)context.SecurityToken);
        return Task.CompletedTask;
    }

    public override async Task AuthenticationFailed(AuthenticationFailedContext context)
    {
        var failure = context.Exception is AggregateException all ? all.InnerExceptions[0] : context.Exception;
        if (failure is InvalidOperationException or IOException)
        {
            LogMetadataUnavailable(logger, keys.MetadataAddress, failure);
            context.Fail("The access token cannot be checked right now: the authorization server's metadata and keys could not be fetched. Try again later.");
            return;
        }

        if (failure is SecurityTokenSignatureKeyNotFoundException
            && context.HttpContext.Items[TokenKey] is string token
            && await keys.RefreshedForUnknownKeyAsync(context.HttpContext.RequestAborted) is { } refreshed)
        {
            var parameters = context.Options.TokenValidationParameters.Clone();
            parameters.IssuerSigningKeys = refreshed.SigningKeys;
            var handler = context.Options.TokenHandlers.OfType<JsonWebTokenHandler>().First();
            var result = await handler.ValidateTokenAsync(token, parameters);
            if (result.IsValid)
            {
                var principal = Admit(context, (JsonWebToken)result.SecurityToken);
                if (principal is not null)
                {
                    context.Principal = principal;
                    context.Success();
                }

                return;
            }

            failure = result.Exception;
        }

        var error = Describe(failure);
        LogRefused(logger, error);
        context.Fail(error);
    }

    /// <summary>Why the token's shape or header makes it unacceptable before any key is looked at, or null.</summary>
    private static string? Shape(string token)
    {
        JsonWebToken jwt;
        try
        {
            jwt = new JsonWebToken(token);
        }
        catch (Exception e) when (e is ArgumentException or SecurityTokenException)
        {
            return "The access token is not a well-formed JWT.";
        }

        if (!Algorithms.Contains(jwt.Alg, StringComparer.Ordinal))
        {
            return string.Equals(jwt.Alg, "none", StringComparison.OrdinalIgnoreCase) || string.IsNullOrEmpty(jwt.Alg)
                ? $"The access token is not signed (alg none); only {Accepted} signatures are accepted."
                : $"The access token is signed with an algorithm that is not accepted; only {Accepted} are.";
        }

        return CriticalProblem(jwt);
    }

    /// <summary>
    /// Why the header's <c>crit</c> parameter makes the token unacceptable, or null when there is none. RFC 7515 §4.1.11:
    /// a recipient that does not understand every extension listed there must refuse the token, and the list must not
    /// be empty or name parameters the JWS specification defines. Bastion understands no extension, so any <c>crit</c>
    /// is refused.
    /// </summary>
    private static string? CriticalProblem(JsonWebToken jwt)
    {
        List<string>? names;
        try
        {
            using var header = JsonDocument.Parse(Base64UrlEncoder.DecodeBytes(jwt.EncodedHeader));
            if (!header.RootElement.TryGetProperty("crit", out var critical))
            {
                return null;
            }

            names = critical.ValueKind == JsonValueKind.Array && critical.EnumerateArray().All(n => n.ValueKind == JsonValueKind.String)
                ? critical.EnumerateArray().Select(n => n.GetString()!).ToList()
                : null;
        }
        catch (Exception e) when (e is JsonException or FormatException or ArgumentException)
        {
            return "The access token's header is not a JSON object.";
        }

        return names is null || names.Count == 0
            ? "The access token's header has a 'crit' parameter that is not a non-empty list of names (RFC 7515 §4.1.11); such a token is refused."
            : $"The access token's header lists extensions this server does not understand as critical (crit: {string.Join(", ", names.Take(5).Select(n => n.Length > 40 ? n[..40] + "…" : n))}); RFC 7515 §4.1.11 requires refusing it.";
    }

    /// <summary>
    /// Makes the verified <paramref name="jwt"/> the request's principal (returned), or fails <paramref name="context"/>
    /// saying why (null).
    /// </summary>
    private ClaimsPrincipal? Admit(Microsoft.AspNetCore.Authentication.ResultContext<JwtBearerOptions> context, JsonWebToken jwt)
    {
        var (principal, error) = Principal(jwt);
        if (principal is null)
        {
            LogRefused(logger, error!);
            context.Fail(error!);
            return null;
        }

        context.Principal = new ClaimsPrincipal(new PrincipalIdentity(principal, context.Scheme.Name));
        return context.Principal;
    }

    private (Principal? Principal, string? Error) Principal(JsonWebToken jwt)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        DateTime expires;
        DateTime? notBefore;
        try
        {
            if (!jwt.TryGetPayloadValue<object>(JwtRegisteredClaimNames.Exp, out _))
            {
                return (null, "The access token has no expiry (exp); tokens without one are not accepted.");
            }

            expires = jwt.ValidTo;
            notBefore = jwt.TryGetPayloadValue<object>(JwtRegisteredClaimNames.Nbf, out _) ? jwt.ValidFrom : null;
        }
        catch (Exception e) when (e is ArgumentException or FormatException or SecurityTokenException)
        {
            return (null, "The access token's exp or nbf claim is not a number of seconds.");
        }

        if (now > expires + options.ClockSkew)
        {
            return (null, $"The access token has expired (at {Utc(expires)}).");
        }

        if (notBefore is { } start && now + options.ClockSkew < start)
        {
            return (null, $"The access token is not valid before {Utc(start)}.");
        }

        if (string.IsNullOrEmpty(jwt.Subject))
        {
            return (null, "The access token has no subject (sub).");
        }

        var claim = options.TenantClaim;
        if (!jwt.TryGetPayloadValue<string>(claim, out var tenant) || string.IsNullOrEmpty(tenant))
        {
            return (null, $"The access token has no '{claim}' claim naming the tenant.");
        }

        if (!TenantName.IsValid(tenant))
        {
            return (null, $"The access token's '{claim}' claim is not a valid tenant name ({TenantName.Rule}).");
        }

        var scopes = new HashSet<string>(StringComparer.Ordinal);
        foreach (var granted in jwt.Claims.Where(c => c.Type is "scope" or "scp"))
        {
            foreach (var scope in granted.Value.Split(' ', StringSplitOptions.RemoveEmptyEntries))
            {
                if (Scopes.All.Contains(scope))
                {
                    scopes.Add(scope);
                }
            }
        }

        return (new Principal("oauth:" + jwt.Subject, tenant, scopes, mode), null);
    }

    private string Describe(Exception? exception) => exception switch
    {
        SecurityTokenSignatureKeyNotFoundException =>
            "The access token is signed with a key the authorization server does not publish.",
        SecurityTokenInvalidAlgorithmException =>
            $"The access token is signed with an algorithm that is not accepted; only {Accepted} are.",
        SecurityTokenInvalidSignatureException =>
            "The access token's signature does not verify with the authorization server's keys.",
        SecurityTokenInvalidIssuerException =>
            $"The access token was issued by another authorization server; this server accepts tokens from {options.Issuer}.",
        SecurityTokenInvalidAudienceException =>
            $"The access token is meant for another resource; this server accepts tokens whose audience is {options.Audience}.",
        SecurityTokenMalformedException =>
            "The access token is not a well-formed JWT.",
        _ => "The access token was refused.",
    };

    private static string Utc(DateTime time) => time.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Access token refused: {Reason}")]
    private static partial void LogRefused(ILogger logger, string reason);

    [LoggerMessage(Level = LogLevel.Error, Message = "The authorization server's metadata or keys could not be fetched from {Address}")]
    private static partial void LogMetadataUnavailable(ILogger logger, string address, Exception exception);
}
