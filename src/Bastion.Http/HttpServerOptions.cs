using Bastion.Http.RateLimiting;
using Bastion.Http.Transport;

namespace Bastion.Http;

/// <summary>How <c>bastion serve --http</c> listens, whom it lets in, and how much it lets each caller do.</summary>
public sealed record HttpServerOptions
{
    /// <summary>The path of the MCP endpoint.</summary>
    public const string McpPath = "/mcp";

    /// <summary>Address and port Kestrel binds (<c>--http</c>); loopback by default.</summary>
    public Uri Listen { get; init; } = new("http://127.0.0.1:7000");

    /// <summary>
    /// The URL clients use to reach the endpoint (<c>--public-url</c>, e.g. behind a reverse proxy): the OAuth resource
    /// identifier and audience, and an accepted Host and Origin. Default: <see cref="Listen"/> + <c>/mcp</c>.
    /// </summary>
    public Uri? PublicUrl { get; init; }

    /// <summary>Serve each POST on its own, without sessions (<c>--stateless</c>); no GET stream, no elicitation.</summary>
    public bool Stateless { get; init; }

    /// <summary>A session without requests for this long is ended (30 minutes).</summary>
    public TimeSpan SessionIdleTimeout { get; init; } = TimeSpan.FromMinutes(30);

    /// <summary>Caps on open sessions and in-flight requests, for the server, per tenant and per principal; beyond one, 429.</summary>
    public ConcurrencyLimits Limits { get; init; } = new();

    /// <summary>Origins accepted besides the server's own (<c>--allowed-origin</c>, e.g. https://app.example.com).</summary>
    public IReadOnlyList<string> AllowedOrigins { get; init; } = [];

    /// <summary>Host header values accepted besides the server's own (<c>--allowed-host</c>, e.g. mcp.example.com).</summary>
    public IReadOnlyList<string> AllowedHosts { get; init; } = [];

    /// <summary>Largest request body, in bytes (4 MiB); larger ones are answered 413.</summary>
    public long MaxRequestBodyBytes { get; init; } = 4 * 1024 * 1024;

    /// <summary>Time a client has to send the request headers (10 seconds).</summary>
    public TimeSpan RequestHeadersTimeout { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>Request budgets per principal and per tenant.</summary>
    public RateLimitOptions RateLimit { get; init; } = new();

    /// <summary>Whether tenants see the machine the server runs on as host <c>local</c> (<c>--share-local-host</c>; off).</summary>
    public bool ShareLocalHost { get; init; }

    /// <summary>The endpoint's URL as clients know it: <see cref="PublicUrl"/>, else the listen address with <c>/mcp</c>.</summary>
    public Uri ResourceUrl => PublicUrl ?? new Uri(Listen, McpPath);

    /// <summary>True when Kestrel binds a loopback address only.</summary>
    public bool ListensOnLoopbackOnly => HostNames.IsLoopback(Listen.Host);
}
