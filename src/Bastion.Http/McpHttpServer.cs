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
using ModelContextProtocol.AspNetCore;
using ModelContextProtocol.Server;

namespace Bastion.Http;

/// <summary>
/// Builds the Kestrel application of <c>bastion serve --http</c>: Host/Origin checks on every request; <c>/healthz</c>,
/// <c>/readyz</c>, <c>/metrics</c> and the protected resource metadata (RFC 9728); and <c>/mcp</c> behind authentication, the
/// rate limit and the platform-credential headers.
/// </summary>
public static class McpHttpServer
{
    /// <summary>The host setting (as a command-line argument of the host) that reads configuration files without watching them.</summary>
    private const string NoConfigReload = "--hostBuilder:reloadConfigOnChange=false";

    /// <summary>Builds the application; run it with <c>RunAsync</c>, or <c>StartAsync</c> and read its URLs.</summary>
    /// <param name="options">Where to listen and the limits.</param>
    /// <param name="configure">Registers the <see cref="IMcpServerFactory"/> sessions are created from (Bastion's is
    /// <see cref="TenantServers"/>, which also takes platform-credential headers), a <see cref="ReadinessProbe"/>, the
    /// <see cref="IAuthenticator"/>s bearer tokens are checked with, in order (none: no authentication, loopback binds
    /// only), and any other services.</param>
    /// <param name="logging">Configures logging (stderr, JSON…).</param>
    /// <param name="required">Whether requests must carry a token now (asked on each request, so API keys created while
    /// the server runs turn authentication on); default: whenever there is an authenticator.</param>
    /// <param name="issuer">The OAuth authorization server named in the protected resource metadata, whose tokens the
    /// <see cref="OAuthBearer"/> scheme (registered by <paramref name="configure"/>) checks; null with API keys only.</param>
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
        // The host's default configuration files (appsettings*.json of the working directory) are read once, not
        // watched: reloading them needs a recursive FileSystemWatcher on the working directory, which wakes a thread on
        // every change under it — every audit commit when the data directory lies there — and adds an inotify watch
        // per subdirectory (all of $HOME when started there). Bastion's own settings are its flags and data directory.
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { Args = [NoConfigReload] });
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
        builder.Services.AddSingleton(sp => new RequestRateLimiter(options.RateLimit, sp.GetService<ISharedRateBuckets>()));
        builder.Services.AddSingleton<HostAndOriginGuard>();
        builder.Services.AddSingleton<SessionSlots>();
        builder.Services.AddSingleton<InFlightLimiter>();
        builder.Services.AddSingleton<McpAdmission>();
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
        builder.Services.AddMcpServer().WithHttpTransport(transport => ConfigureTransport(transport, options));
        builder.Services.AddOptions<HttpServerTransportOptions>().Configure<ISseEventStreamStore, TimeProvider>((transport, events, clock) =>
        {
            transport.EventStreamStore = options.Stateless ? null : events;
            transport.TimeProvider = clock;
        });
        builder.Services.AddAuthentication(BastionAuthenticationHandler.SchemeName)
            .AddScheme<BastionAuthenticationOptions, BastionAuthenticationHandler>(BastionAuthenticationHandler.SchemeName, null);
        configure(builder.Services);

        builder.Services.AddSingleton(_ => new PrometheusExporter());

        var app = builder.Build();
        var authenticators = app.Services.GetServices<IAuthenticator>().ToList();
        required ??= () => authenticators.Count > 0 || issuer is not null;
        if (!options.ListensOnLoopbackOnly && !required())
        {
            ((IDisposable)app).Dispose();
            throw new BastionException(
                $"Refusing to serve {options.Listen} without authentication: anyone who can reach it could run tools. " +
                "Create an API key (bastion keys create --tenant NAME --scopes …), or configure --oauth-issuer, or bind to 127.0.0.1.");
        }

        var resource = options.ResourceUrl.ToString();
        var authentication = app.Services.GetRequiredService<IOptionsMonitor<BastionAuthenticationOptions>>().Get(BastionAuthenticationHandler.SchemeName);
        authentication.Required = required;
        authentication.ResourceMetadataUrl = ProtectedResourceMetadata.MetadataUrl(resource);
        authentication.OAuthScheme = issuer is null ? null : OAuthBearer.SchemeName;
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

        app.UseAuthentication();
        app.MapPrometheusMetrics(app.Services.GetRequiredService<PrometheusExporter>());
        var metadata = ProtectedResourceMetadata.For(resource, issuer).ToJson();
        var metadataPath = new Uri(ProtectedResourceMetadata.MetadataUrl(resource)).AbsolutePath;
        foreach (var path in new[] { metadataPath, ProtectedResourceMetadata.WellKnownPath }.Distinct(StringComparer.Ordinal))
        {
            app.MapGet(path, context => Results.Text(metadata, "application/json").ExecuteAsync(context));
        }

        app.MapGet("/healthz", context => context.Response.WriteAsJsonAsync(new Dictionary<string, string> { ["status"] = "ok" }, HttpJson.Default.DictionaryStringString, cancellationToken: context.RequestAborted));
        app.MapGet("/readyz", context =>
        {
            var report = context.RequestServices.GetRequiredService<ReadinessProbe>().Check();
            context.Response.StatusCode = report.Status == "ready" ? StatusCodes.Status200OK : StatusCodes.Status503ServiceUnavailable;
            return context.Response.WriteAsJsonAsync(report, WebJson.Default.ReadinessReport, cancellationToken: context.RequestAborted);
        });

        app.MapGroup(HttpServerOptions.McpPath)
            .AddEndpointFilter(app.Services.GetRequiredService<McpAdmission>())
            .MapMcp();
        return app;
    }

    /// <summary>
    /// The SDK endpoint's options: hybrid sessions (<c>initialize</c> clients get sessions, 2026-07-28 clients are served
    /// per request), or none with <c>--stateless</c>; the legacy HTTP+SSE transport beside it; the idle timeout; each
    /// server given its caller's tenant (<see cref="TenantSessionOptions"/>); each session's slot held while it runs.
    /// </summary>
    private static void ConfigureTransport(HttpServerTransportOptions transport, HttpServerOptions options)
    {
        transport.SessionMode = options.Stateless ? HttpServerSessionMode.Stateless : HttpServerSessionMode.StatefulForInitializeClients;
        transport.ConfigureSessionOptions = TenantSessionOptions.ConfigureAsync;
#pragma warning disable MCPEXP002 // RunSessionHandler is experimental: it is how a session's slot is held for exactly its life
        transport.RunSessionHandler = McpAdmission.RunSessionAsync;
#pragma warning restore MCPEXP002
#pragma warning disable MCP9004 // the deprecated HTTP+SSE transport is served on purpose, for older clients, behind the same admission
        transport.EnableLegacySse = !options.Stateless;
#pragma warning restore MCP9004
        transport.IdleTimeout = options.SessionIdleTimeout;

        // The SDK ends the oldest idle sessions beyond this count; the session caps (SessionSlots) refuse new ones
        // long before, so no live session is evicted silently.
        transport.MaxIdleSessionCount = options.Limits.Sessions + 1;
    }
}
