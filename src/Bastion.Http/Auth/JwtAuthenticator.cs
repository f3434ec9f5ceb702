using Bastion.Core.Configuration;
using System.Globalization;
using Bastion.Core.Policy;
using Microsoft.Extensions.Logging;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Protocols;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;
using Microsoft.IdentityModel.Tokens;

namespace Bastion.Http.Auth;

/// <summary>
/// Accepts access tokens (signed JWTs, RS256 or ES256) issued by the configured OAuth authorization server for this
/// resource, and answers <see cref="AuthResult.NotMine"/> for anything that is not a three-part JWT.
/// </summary>
/// <remarks>
/// <para>The server's metadata and signing keys (JWKS) are fetched on first use and cached by a
/// <see cref="ConfigurationManager{T}"/>, refreshed every <see cref="OAuthOptions.AutomaticRefreshInterval"/>, and at
/// once, at most every <see cref="OAuthOptions.KeyRefreshInterval"/>, when a token names a key id (<c>kid</c>) the
/// cached set lacks: after a key rotation the first token signed with the new key waits for the refresh (up to 5 s)
/// instead of being refused.</para>
/// <para>A token is accepted when its signature verifies with one of the server's keys, <c>iss</c> is
/// <see cref="OAuthOptions.Issuer"/>, <c>aud</c> holds <see cref="OAuthOptions.Audience"/>, <c>exp</c> is present and
/// not past and <c>nbf</c> (if present) is reached, both within <see cref="OAuthOptions.ClockSkew"/> by the injected
/// clock, <c>sub</c> is present, and the tenant claim holds a valid tenant name. The principal is
/// <c>oauth:&lt;sub&gt;</c> of that tenant, with the server's mode and the Bastion scopes (<see cref="Scopes.All"/>)
/// found in <c>scope</c> (space-separated) and <c>scp</c> (a string or an array); other scopes are ignored.</para>
/// <para>A token whose header carries <c>crit</c> (critical extensions, RFC 7515 §4.1.11) is refused: Bastion
/// understands no JWS extension.</para>
/// <para>Refusals say which check failed, never repeating the token. The token is never logged.</para>
/// </remarks>
public sealed partial class JwtAuthenticator : IAuthenticator
{
    private const string Accepted = "RS256 and ES256";
    private static readonly TimeSpan _refreshWait = TimeSpan.FromSeconds(5);
    private static readonly TimeSpan _refreshPoll = TimeSpan.FromMilliseconds(50);
    private static readonly string[] _algorithms = [SecurityAlgorithms.RsaSha256, SecurityAlgorithms.EcdsaSha256];

    private readonly OAuthOptions _options;
    private readonly Mode _mode;
    private readonly TimeProvider _clock;
    private readonly ILogger<JwtAuthenticator> _logger;
    private readonly ConfigurationManager<OpenIdConnectConfiguration> _metadata;
    private readonly JsonWebTokenHandler _handler = new();

    /// <summary>When (<see cref="Environment.TickCount64"/>, ms) an unknown key id may next cause a refresh of the keys.</summary>
    private long _nextKeyRefresh;

    /// <param name="options">The authorization server and the claims to read; checked here.</param>
    /// <param name="mode">The server's <c>--mode</c>, given to every principal.</param>
    /// <param name="clock">The time <c>exp</c> and <c>nbf</c> are compared with.</param>
    /// <param name="logger">Told why tokens are refused (never the token) and when the server's metadata cannot be fetched.</param>
    /// <param name="httpClient">Fetches the metadata and keys; a shared default client when null.</param>
    /// <exception cref="Core.BastionException">An option is invalid (see <see cref="OAuthOptions.Validate"/>).</exception>
    public JwtAuthenticator(OAuthOptions options, Mode mode, TimeProvider clock, ILogger<JwtAuthenticator> logger, HttpClient? httpClient = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(clock);
        ArgumentNullException.ThrowIfNull(logger);
        var addresses = options.MetadataAddresses();
        _options = options;
        _mode = mode;
        _clock = clock;
        _logger = logger;
        var documents = httpClient is null ? new HttpDocumentRetriever() : new HttpDocumentRetriever(httpClient);

        // Options allow plain http only for loopback addresses; the retriever checks jwks_uri the same way.
        documents.RequireHttps = addresses.All(a => a.StartsWith("https:", StringComparison.OrdinalIgnoreCase));
        _metadata = new ConfigurationManager<OpenIdConnectConfiguration>(
            addresses[0], new AuthorizationServerMetadataRetriever(options.Issuer, addresses), documents)
        {
            AutomaticRefreshInterval = options.AutomaticRefreshInterval,

            // The pace of refreshes is kept by KeyRefreshInterval here; the manager must not refuse one asked for.
            RefreshInterval = BaseConfigurationManager.MinimumRefreshInterval,
        };
    }

    public async ValueTask<AuthResult> AuthenticateAsync(string token, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(token);
        if (token.AsSpan().Count('.') != 2)
        {
            // Not a signed JWT (header.payload.signature): an API key, an opaque token, or an encrypted JWT (five parts).
            return AuthResult.NotMine;
        }

        JsonWebToken jwt;
        try
        {
            jwt = new JsonWebToken(token);
        }
        catch (Exception e) when (e is ArgumentException or SecurityTokenException)
        {
            return AuthResult.Failure("The access token is not a well-formed JWT.");
        }

        if (!_algorithms.Contains(jwt.Alg, StringComparer.Ordinal))
        {
            return AuthResult.Failure(string.Equals(jwt.Alg, "none", StringComparison.OrdinalIgnoreCase) || string.IsNullOrEmpty(jwt.Alg)
                ? $"The access token is not signed (alg none); only {Accepted} signatures are accepted."
                : $"The access token is signed with an algorithm that is not accepted; only {Accepted} are.");
        }

        if (CriticalProblem(jwt) is { } critical)
        {
            LogRefused(_logger, critical);
            return AuthResult.Failure(critical);
        }

        OpenIdConnectConfiguration configuration;
        try
        {
            configuration = await _metadata.GetConfigurationAsync(cancellationToken);
        }
        catch (InvalidOperationException e)
        {
            LogMetadataUnavailable(_logger, _metadata.MetadataAddress, e);
            return AuthResult.Failure("The access token cannot be checked right now: the authorization server's metadata and keys could not be fetched. Try again later.");
        }

        var result = await ValidateAsync(jwt, configuration);
        if (result.Exception is SecurityTokenSignatureKeyNotFoundException && TryClaimKeyRefresh()
            && await RefreshedAsync(configuration, cancellationToken) is { } refreshed)
        {
            result = await ValidateAsync(jwt, refreshed);
        }

        if (!result.IsValid)
        {
            var error = Describe(result.Exception);
            LogRefused(_logger, error);
            return AuthResult.Failure(error);
        }

        return Admit(jwt);
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
            using var header = System.Text.Json.JsonDocument.Parse(Base64UrlEncoder.DecodeBytes(jwt.EncodedHeader));
            if (!header.RootElement.TryGetProperty("crit", out var critical))
            {
                return null;
            }

            names = critical.ValueKind == System.Text.Json.JsonValueKind.Array && critical.EnumerateArray().All(n => n.ValueKind == System.Text.Json.JsonValueKind.String)
                ? critical.EnumerateArray().Select(n => n.GetString()!).ToList()
                : null;
        }
        catch (Exception e) when (e is System.Text.Json.JsonException or FormatException or ArgumentException)
        {
            return "The access token's header is not a JSON object.";
        }

        return names is null || names.Count == 0
            ? "The access token's header has a 'crit' parameter that is not a non-empty list of names (RFC 7515 §4.1.11); such a token is refused."
            : $"The access token's header lists extensions this server does not understand as critical (crit: {string.Join(", ", names.Take(5).Select(n => n.Length > 40 ? n[..40] + "…" : n))}); RFC 7515 §4.1.11 requires refusing it.";
    }

    private Task<TokenValidationResult> ValidateAsync(JsonWebToken jwt, OpenIdConnectConfiguration configuration) =>
        _handler.ValidateTokenAsync(jwt, new TokenValidationParameters
        {
            ValidIssuer = _options.Issuer,
            ValidAudience = _options.Audience,
            IssuerSigningKeys = configuration.SigningKeys,
            ValidAlgorithms = _algorithms,
            RequireSignedTokens = true,

            // exp and nbf are checked in Admit, against the injected clock, once the signature has verified.
            ValidateLifetime = false,
            RequireExpirationTime = false,
        });

    /// <summary>The principal of a token whose signature, issuer and audience have verified, or why it is refused.</summary>
    private AuthResult Admit(JsonWebToken jwt)
    {
        var now = _clock.GetUtcNow().UtcDateTime;
        DateTime expires;
        DateTime? notBefore;
        try
        {
            if (!jwt.TryGetPayloadValue<object>(JwtRegisteredClaimNames.Exp, out _))
            {
                return AuthResult.Failure("The access token has no expiry (exp); tokens without one are not accepted.");
            }

            expires = jwt.ValidTo;
            notBefore = jwt.TryGetPayloadValue<object>(JwtRegisteredClaimNames.Nbf, out _) ? jwt.ValidFrom : null;
        }
        catch (Exception e) when (e is ArgumentException or FormatException or SecurityTokenException)
        {
            return AuthResult.Failure("The access token's exp or nbf claim is not a number of seconds.");
        }

        if (now > expires + _options.ClockSkew)
        {
            return AuthResult.Failure($"The access token has expired (at {Utc(expires)}).");
        }

        if (notBefore is { } start && now + _options.ClockSkew < start)
        {
            return AuthResult.Failure($"The access token is not valid before {Utc(start)}.");
        }

        if (string.IsNullOrEmpty(jwt.Subject))
        {
            return AuthResult.Failure("The access token has no subject (sub).");
        }

        var claim = _options.TenantClaim;
        if (!jwt.TryGetPayloadValue<string>(claim, out var tenant) || string.IsNullOrEmpty(tenant))
        {
            return AuthResult.Failure($"The access token has no '{claim}' claim naming the tenant.");
        }

        if (!TenantName.IsValid(tenant))
        {
            return AuthResult.Failure($"The access token's '{claim}' claim is not a valid tenant name ({TenantName.Rule}).");
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

        return AuthResult.Success(new Principal("oauth:" + jwt.Subject, tenant, scopes, _mode));
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
            $"The access token was issued by another authorization server; this server accepts tokens from {_options.Issuer}.",
        SecurityTokenInvalidAudienceException =>
            $"The access token is meant for another resource; this server accepts tokens whose audience is {_options.Audience}.",
        SecurityTokenMalformedException =>
            "The access token is not a well-formed JWT.",
        _ => "The access token was refused.",
    };

    /// <summary>True for the one caller that may now refresh the keys; then none may for <see cref="OAuthOptions.KeyRefreshInterval"/>.</summary>
    private bool TryClaimKeyRefresh()
    {
        var now = Environment.TickCount64;
        var next = Interlocked.Read(ref _nextKeyRefresh);
        return now >= next
            && Interlocked.CompareExchange(ref _nextKeyRefresh, now + (long)_options.KeyRefreshInterval.TotalMilliseconds, next) == next;
    }

    /// <summary>Asks for fresh metadata and keys and waits (up to 5 s) for them; null when none came.</summary>
    private async Task<OpenIdConnectConfiguration?> RefreshedAsync(OpenIdConnectConfiguration previous, CancellationToken cancellationToken)
    {
        // The manager fetches in the background; a new configuration object is the sign that it has finished.
        _metadata.RequestRefresh();
        var waited = TimeSpan.Zero;
        while (waited < _refreshWait)
        {
            await Task.Delay(_refreshPoll, cancellationToken);
            waited += _refreshPoll;
            var current = await _metadata.GetConfigurationAsync(cancellationToken);
            if (!ReferenceEquals(current, previous))
            {
                return current;
            }
        }

        LogKeyRefreshFailed(_logger, _metadata.MetadataAddress);
        return null;
    }

    private static string Utc(DateTime time) => time.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Access token refused: {Reason}")]
    private static partial void LogRefused(ILogger logger, string reason);

    [LoggerMessage(Level = LogLevel.Error, Message = "The authorization server's metadata or keys could not be fetched from {Address}")]
    private static partial void LogMetadataUnavailable(ILogger logger, string address, Exception exception);

    [LoggerMessage(Level = LogLevel.Warning, Message = "A token named an unknown signing key; fetching the keys again from {Address} brought no new ones within 5 s")]
    private static partial void LogKeyRefreshFailed(ILogger logger, string address);
}
