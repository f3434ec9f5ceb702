using System.CommandLine;
using Bastion.Core.Configuration;
using Bastion.Http;
using Bastion.Http.Auth;
using Bastion.Http.Observability;
using Bastion.Http.RateLimiting;
using Bastion.Http.Tenancy;
using Bastion.Http.Transport;
using Bastion.Mcp;
using Bastion.Mcp.Observability;
using Bastion.Mcp.Security;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Bastion.Cli;

/// <summary>The composition of <c>bastion serve --http</c>: tenants, authentication, rate limits, health and metrics.</summary>
internal static class HttpServe
{
    public static async Task<int> RunAsync(ParseResult parse, LogLevel level, LogFormat format, CancellationToken cancellationToken)
    {
        var http = HttpFlags.Options(parse);
        var bastion = ServerFlags.Options(parse);
        bastion.Paths.EnsureDataDirectory();
        var redactor = BastionServer.CreateRedactor(bastion.Paths);
        var oauth = HttpFlags.OAuth(parse, http);
        using var keys = new ApiKeyStore(bastion.Paths);
        await using var app = McpHttpServer.Build(
            http,
            services => services
                .AddSingleton(keys)
                .AddSingleton<IAuthenticator>(sp => new ApiKeyAuthenticator(keys, bastion.Mode, TimeProvider.System, sp.GetRequiredService<ILogger<ApiKeyAuthenticator>>()))
                .AddOAuth(oauth, bastion.Mode)
                .AddSingleton(redactor)
                .AddSingleton(sp => new TenantServers(bastion, backends => Composition.AddBackends(backends, parse), http, sp.GetRequiredService<RequestRateLimiter>(), redactor, sp.GetRequiredService<ILoggerFactory>()))
                .AddSingleton<IMcpServerFactory>(sp => sp.GetRequiredService<TenantServers>())
                .AddSingleton(new ReadinessProbe(new Dictionary<string, string> { ["data_directory"] = bastion.Paths.DataDirectory, ["audit"] = bastion.Paths.AuditDirectory }))
                .AddLogRedaction(),
            logging => logging.SetMinimumLevel(level).AddBastionConsole(format),
            required: () => oauth is not null || keys.RequiresAuthentication(),
            issuer: oauth?.Issuer);
        await app.StartAsync(cancellationToken);
        app.Services.GetRequiredService<TenantServers>().StartKnownTenants();
        var auth = oauth is not null ? $"API keys and access tokens of {oauth.Issuer}" : keys.List().Count > 0 ? "API keys" : "no authentication until an API key exists; loopback only";
        await Console.Error.WriteLineAsync($"Bastion MCP endpoint: {http.ResourceUrl} ({auth}; {(http.Stateless ? "stateless" : "sessions")})");
        await app.WaitForShutdownAsync(cancellationToken);
        return 0;
    }

    private static IServiceCollection AddOAuth(this IServiceCollection services, OAuthOptions? oauth, Core.Policy.Mode mode) =>
        oauth is null
            ? services
            : services.AddOAuthBearer(oauth, mode, TimeProvider.System);
}
