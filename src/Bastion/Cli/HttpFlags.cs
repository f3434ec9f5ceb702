using System.CommandLine;
using Bastion.Core;
using Bastion.Http;
using Bastion.Http.Auth;
using Bastion.Http.RateLimiting;
using Bastion.Http.Transport;

namespace Bastion.Cli;

/// <summary>The options of <c>bastion serve --http</c>.</summary>
internal static class HttpFlags
{
    public static readonly Option<string?> Http = new("--http")
    {
        Description = "Serve Streamable HTTP instead of stdio, on this address (default http://127.0.0.1:7000; the endpoint is /mcp). A non-loopback address needs authentication (API keys or --oauth-issuer).",
        Arity = ArgumentArity.ZeroOrOne,
    };

    private static readonly Option<string?> PublicUrl = new("--public-url") { Description = "The endpoint's URL as clients reach it (e.g. https://mcp.example.com/mcp behind a proxy): the OAuth audience and an accepted Host/Origin." };
    private static readonly Option<bool> Stateless = new("--stateless") { Description = "No sessions: each POST is served on its own (no GET stream, no elicitation; confirmations use plan handles)." };
    private static readonly Option<string[]> AllowedOrigins = new("--allowed-origin") { Description = "An Origin browsers may call from besides the server's own (repeatable)." };
    private static readonly Option<string[]> AllowedHosts = new("--allowed-host") { Description = "A Host header value accepted besides the server's own names (repeatable)." };
    private static readonly Option<string> RateLimit = new("--rate-limit") { Description = $"Requests per principal: {RateSpec.Syntax}.", DefaultValueFactory = _ => "90/min" };
    private static readonly Option<string> TenantRateLimit = new("--tenant-rate-limit") { Description = $"Requests per tenant, all its principals together: {RateSpec.Syntax}.", DefaultValueFactory = _ => "90/min" };
    private static readonly Option<int?> RateBurst = new("--rate-burst") { Description = "Bucket size: most requests in a burst (default: the rate's count)." };
    private static readonly Option<double> IdleTimeout = new("--session-idle-timeout") { Description = "Seconds without requests after which a session is ended.", DefaultValueFactory = _ => 1800 };
    private static readonly Option<bool> ShareLocalHost = new("--share-local-host") { Description = "Let every tenant see the machine the server runs on as host 'local' (off: tenants see only their own inventory)." };
    private static readonly Option<string?> OAuthIssuer = new("--oauth-issuer") { Description = "Accept access tokens (JWT) of this OAuth authorization server, e.g. https://auth.example.com: checked against its published keys, audience = --public-url, tenant from a claim." };
    private static readonly Option<string?> OAuthMetadata = new("--oauth-metadata") { Description = "The authorization server's metadata URL (default: discovered from --oauth-issuer, RFC 8414 then OpenID Connect)." };
    private static readonly Option<string> OAuthTenantClaim = new("--oauth-tenant-claim") { Description = "The access-token claim naming the caller's tenant.", DefaultValueFactory = _ => OAuthOptions.DefaultTenantClaim };
    private static readonly Option<long> MaxBody = new("--max-body") { Description = "Largest request body (HTTP) or message line (stdio) in bytes; larger ones are refused with an error.", DefaultValueFactory = _ => 4 * 1024 * 1024 };
    private static readonly Option<int> MaxSessions = new("--max-sessions") { Description = "Most sessions open at once on the server (beyond: 429).", DefaultValueFactory = _ => 1000 };
    private static readonly Option<int> MaxSessionsPerTenant = new("--max-sessions-per-tenant") { Description = "Most sessions open at once for one tenant.", DefaultValueFactory = _ => 200 };
    private static readonly Option<int> MaxSessionsPerPrincipal = new("--max-sessions-per-principal") { Description = "Most sessions open at once for one principal.", DefaultValueFactory = _ => 100 };
    private static readonly Option<int> MaxInFlight = new("--max-in-flight") { Description = "Most requests served at once on the server (beyond: 429).", DefaultValueFactory = _ => 512 };
    private static readonly Option<int> MaxInFlightPerTenant = new("--max-in-flight-per-tenant") { Description = "Most requests served at once for one tenant.", DefaultValueFactory = _ => 64 };
    private static readonly Option<int> MaxInFlightPerPrincipal = new("--max-in-flight-per-principal") { Description = "Most requests served at once for one principal.", DefaultValueFactory = _ => 32 };

    public static void AddTo(Command command)
    {
        foreach (var option in new Option[] { Http, PublicUrl, Stateless, AllowedOrigins, AllowedHosts, RateLimit, TenantRateLimit, RateBurst, IdleTimeout, ShareLocalHost, MaxBody, MaxSessions, MaxSessionsPerTenant, MaxSessionsPerPrincipal, MaxInFlight, MaxInFlightPerTenant, MaxInFlightPerPrincipal, OAuthIssuer, OAuthMetadata, OAuthTenantClaim })
        {
            command.Options.Add(option);
        }
    }

    static HttpFlags()
    {
        IdleTimeout.Validators.Add(r => { if (r.GetValueOrDefault<double>() <= 0) { r.AddError("--session-idle-timeout must be more than 0 seconds."); } });
        RateBurst.Validators.Add(r => { if (r.GetValueOrDefault<int?>() is < 1) { r.AddError("--rate-burst must be at least 1."); } });
        MaxBody.Validators.Add(r => { if (r.GetValueOrDefault<long>() < 1024) { r.AddError("--max-body must be at least 1024 bytes."); } });
    }

    /// <summary>The largest message in bytes (<c>--max-body</c>), which the stdio transport holds to as well.</summary>
    public static long MaxBodyBytes(ParseResult parse) => parse.GetValue(MaxBody);

    /// <summary>True when <c>--http</c> was given, with or without an address.</summary>
    public static bool Requested(ParseResult parse) => parse.GetResult(Http) is not null;

    /// <summary>The HTTP options from the command line.</summary>
    /// <exception cref="BastionException">A malformed address or rate, or caps that do not narrow from server to tenant to principal.</exception>
    public static HttpServerOptions Options(ParseResult parse) => new()
    {
        Listen = Url(parse.GetValue(Http) ?? "http://127.0.0.1:7000", "--http"),
        PublicUrl = parse.GetValue(PublicUrl) is { } publicUrl ? Url(publicUrl, "--public-url") : null,
        Stateless = parse.GetValue(Stateless),
        AllowedOrigins = parse.GetValue(AllowedOrigins) ?? [],
        AllowedHosts = parse.GetValue(AllowedHosts) ?? [],
        RateLimit = new RateLimitOptions
        {
            PerPrincipal = RateSpec.Parse(parse.GetValue(RateLimit)!, "--rate-limit"),
            PerTenant = RateSpec.Parse(parse.GetValue(TenantRateLimit)!, "--tenant-rate-limit"),
            Burst = parse.GetValue(RateBurst),
        },
        SessionIdleTimeout = TimeSpan.FromSeconds(parse.GetValue(IdleTimeout)),
        ShareLocalHost = parse.GetValue(ShareLocalHost),
        MaxRequestBodyBytes = parse.GetValue(MaxBody),
        Limits = new ConcurrencyLimits
        {
            Sessions = parse.GetValue(MaxSessions),
            SessionsPerTenant = parse.GetValue(MaxSessionsPerTenant),
            SessionsPerPrincipal = parse.GetValue(MaxSessionsPerPrincipal),
            InFlight = parse.GetValue(MaxInFlight),
            InFlightPerTenant = parse.GetValue(MaxInFlightPerTenant),
            InFlightPerPrincipal = parse.GetValue(MaxInFlightPerPrincipal),
        }.Validate(),
    };

    /// <summary>The OAuth settings, when <c>--oauth-issuer</c> was given; the audience is the endpoint's resource URL.</summary>
    /// <exception cref="BastionException">An invalid issuer or metadata URL.</exception>
    public static OAuthOptions? OAuth(ParseResult parse, HttpServerOptions http)
    {
        if (parse.GetValue(OAuthIssuer) is not { } issuer)
        {
            return null;
        }

        var options = new OAuthOptions
        {
            Issuer = issuer,
            Audience = http.ResourceUrl.ToString(),
            MetadataAddress = parse.GetValue(OAuthMetadata),
            TenantClaim = parse.GetValue(OAuthTenantClaim)!,
        };
        options.Validate();
        return options;
    }

    private static Uri Url(string text, string option)
    {
        var value = text.Contains("://", StringComparison.Ordinal) ? text : "http://" + text;
        return Uri.TryCreate(value, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https" && uri.Port > 0
            ? uri
            : throw new BastionException($"{option} '{text}' is not an address. Accepted: http://HOST:PORT (e.g. http://127.0.0.1:7000, http://0.0.0.0:7000).");
    }
}
