using System.Diagnostics;
using System.Text.Json;
using Bastion.Core;
using Bastion.Core.Telemetry;
using Bastion.Http.Auth;
using Bastion.Http.Observability;
using Bastion.Http.RateLimiting;
using Bastion.Http.Tenancy;
using Bastion.Http.Transport;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Caching.Distributed;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using ModelContextProtocol.Server;

namespace Bastion.Http;

/// <summary>
/// Builds the Kestrel application of <c>bastion serve --http</c>: Host/Origin checks on every request; <c>/healthz</c>,
/// <c>/readyz</c>, <c>/metrics</c> and the protected resource metadata (RFC 9728); and <c>/mcp</c> behind authentication, the
/// rate limit and the platform-credential headers.
/// </summary>
public static class McpHttpServer
{
    /// <summary>Builds the application; run it with <c>RunAsync</c>, or <c>StartAsync</c> and read its URLs.</summary>
    /// <param name="options">Where to listen and the limits.</param>
    /// <param name="configure">Registers the <see cref="IMcpServerFactory"/> sessions are created from (Bastion's is
    /// <see cref="TenantServers"/>, which also takes platform-credential headers), a <see cref="ReadinessProbe"/>, the
    /// <see cref="IAuthenticator"/>s bearer tokens are checked with, in order (none: no authentication, loopback binds
    /// only), and any other services.</param>
    /// <param name="logging">Configures logging (stderr, JSON…).</param>
    /// <param name="required">Whether requests must carry a token now (asked on each request, so API keys created while
    /// the server runs turn authentication on); default: whenever there is an authenticator.</param>
    /// <param name="issuer">The OAuth authorization server named in the protected resource metadata; null with API keys only.</param>
    /// <exception cref="BastionException">A non-loopback bind without authentication.</exception>
    public static WebApplication Build(
        HttpServerOptions options,
        Action<IServiceCollection> configure,
        Action<ILoggingBuilder> logging,
        Func<bool>? required = null,
        string? issuer = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(configure);
        ArgumentNullException.ThrowIfNull(logging);
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        logging(builder.Logging);
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.AddServerHeader = false;
            kestrel.Limits.MaxRequestBodySize = options.MaxRequestBodyBytes;
            kestrel.Limits.RequestHeadersTimeout = options.RequestHeadersTimeout;
        });
        builder.WebHost.UseUrls(options.Listen.GetLeftPart(UriPartial.Authority));
        builder.Services.AddSingleton(options);
        builder.Services.TryAddSingleton(TimeProvider.System);
        builder.Services.AddSingleton(new RequestRateLimiter(options.RateLimit));
        builder.Services.AddSingleton<HostAndOriginGuard>();
        builder.Services.AddSingleton<SessionStore>();
        builder.Services.AddSingleton<InFlightLimiter>();
        builder.Services.AddSingleton<McpEndpoint>();
        builder.Services.AddSingleton<ISseEventStreamStore>(sp => new DistributedCacheEventStreamStore(
            Options.Create(new DistributedCacheEventStreamStoreOptions
            {
                // Kept in memory, bounded: a resumed stream replays at most the last half hour, within 64 MiB in all.
                Cache = new MemoryDistributedCache(Options.Create(new MemoryDistributedCacheOptions { SizeLimit = 64L * 1024 * 1024 })),
                EventSlidingExpiration = TimeSpan.FromMinutes(10),
                EventAbsoluteExpiration = TimeSpan.FromMinutes(30),
                MetadataSlidingExpiration = TimeSpan.FromMinutes(10),
                MetadataAbsoluteExpiration = TimeSpan.FromMinutes(30),
            }),
            sp.GetRequiredService<ILogger<DistributedCacheEventStreamStore>>()));
        builder.Services.AddHostedService<SessionPruner>();
        configure(builder.Services);

        builder.Services.AddSingleton(_ => new PrometheusExporter());

        var app = builder.Build();
        var authenticators = app.Services.GetServices<IAuthenticator>().ToList();
        required ??= () => authenticators.Count > 0;
        if (!options.ListensOnLoopbackOnly && !required())
        {
            ((IDisposable)app).Dispose();
            throw new BastionException(
                $"Refusing to serve {options.Listen} without authentication: anyone who can reach it could run tools. " +
                "Create an API key (bastion keys create --tenant NAME --scopes …), or configure --oauth-issuer, or bind to 127.0.0.1.");
        }

        var resource = options.ResourceUrl.ToString();
        var authentication = new BearerAuthentication(authenticators, required, ProtectedResourceMetadata.MetadataUrl(resource));
        var guard = app.Services.GetRequiredService<HostAndOriginGuard>();
        app.Use(async (context, next) =>
        {
            var started = Stopwatch.GetTimestamp();
            try
            {
                if (guard.Refusal(context.Request) is { } refusal)
                {
                    await JsonRpcErrors.WriteAsync(context, StatusCodes.Status403Forbidden, refusal);
                    return;
                }

                await next(context);
            }
            finally
            {
                BastionTelemetry.RecordHttpRequest(context.Request.Method, context.Response.StatusCode, Stopwatch.GetElapsedTime(started).TotalSeconds);
            }
        });

        app.MapPrometheusMetrics(app.Services.GetRequiredService<PrometheusExporter>());
        var metadata = ProtectedResourceMetadata.For(resource, issuer).ToJson();
        var metadataPath = new Uri(ProtectedResourceMetadata.MetadataUrl(resource)).AbsolutePath;
        foreach (var path in new[] { metadataPath, ProtectedResourceMetadata.WellKnownPath }.Distinct(StringComparer.Ordinal))
        {
            app.MapGet(path, () => Results.Text(metadata, "application/json"));
        }

        app.MapGet("/healthz", () => Results.Json(new { status = "ok" }));
        app.MapGet("/readyz", (ReadinessProbe probe) =>
        {
            var report = probe.Check();
            return Results.Json(report, JsonSerializerOptions.Web, statusCode: report.Status == "ready" ? StatusCodes.Status200OK : StatusCodes.Status503ServiceUnavailable);
        });

        var endpoint = app.Services.GetRequiredService<McpEndpoint>();
        var mcp = app.MapGroup(HttpServerOptions.McpPath);
        mcp.AddEndpointFilter(async (invocation, next) => await AdmitAsync(invocation.HttpContext, authentication) ? await next(invocation) : Results.Empty);
        mcp.MapPost(string.Empty, endpoint.PostAsync);
        mcp.MapGet(string.Empty, endpoint.GetAsync);
        mcp.MapDelete(string.Empty, endpoint.DeleteAsync);
        return app;
    }

    /// <summary>Authentication, then the rate limit, then the platform-credential headers; false when the request was answered already.</summary>
    private static async Task<bool> AdmitAsync(HttpContext context, BearerAuthentication authentication)
    {
        var services = context.RequestServices;
        var (principal, challenge, error) = await authentication.AuthenticateAsync(context.Request, context.RequestAborted);
        if (challenge is not null)
        {
            context.Response.Headers.WWWAuthenticate = challenge;
            await JsonRpcErrors.WriteAsync(context, StatusCodes.Status401Unauthorized, error ?? "Unauthorized.");
            return false;
        }

        if (principal is not null)
        {
            RequestPrincipal.Set(context, principal);
        }

        if (services.GetRequiredService<RequestRateLimiter>().TryAcquire(principal) is { } refusal)
        {
            BastionTelemetry.RecordRateLimitRejection(refusal.Scope);
            context.Response.Headers.RetryAfter = refusal.RetryAfterSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
            await JsonRpcErrors.WriteAsync(context, StatusCodes.Status429TooManyRequests, refusal.Message, JsonRpcErrors.RateLimited,
                data: new System.Text.Json.Nodes.JsonObject { ["retry_after_seconds"] = refusal.RetryAfterSeconds, ["scope"] = refusal.Scope });
            return false;
        }

        if (services.GetService<TenantServers>() is { } tenants)
        {
            await tenants.StoreCredentialHeadersAsync(context.Request, principal, context.RequestAborted);
        }

        return true;
    }
}
