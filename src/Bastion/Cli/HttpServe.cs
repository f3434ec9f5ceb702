using System.CommandLine;
using Bastion.Core.Configuration;
using Bastion.Http;
using Bastion.Http.Auth;
using Bastion.Http.Observability;
using Bastion.Http.RateLimiting;
using Bastion.Http.Tenancy;
using Bastion.Http.Transport;
using Bastion.Mcp;
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
        var authenticators = Authenticators(bastion.Paths);
        await using var app = McpHttpServer.Build(
            http,
            authenticators,
            services => services
                .AddSingleton(redactor)
                .AddSingleton(sp => new TenantServers(bastion, ServerFlags.Ssh(parse), http, sp.GetRequiredService<RequestRateLimiter>(), redactor, sp.GetRequiredService<ILoggerFactory>()))
                .AddSingleton<IMcpServerFactory>(sp => sp.GetRequiredService<TenantServers>())
                .AddSingleton(new ReadinessProbe(new Dictionary<string, string> { ["data_directory"] = bastion.Paths.DataDirectory, ["audit"] = bastion.Paths.AuditDirectory }))
                .AddLogRedaction(),
            logging => logging.SetMinimumLevel(level).AddBastionConsole(format));
        await app.StartAsync(cancellationToken);
        await Console.Error.WriteLineAsync($"Bastion MCP endpoint: {http.ResourceUrl} ({(authenticators.Count == 0 ? "no authentication, loopback only" : "bearer authentication")}; {(http.Stateless ? "stateless" : "sessions")})");
        await app.WaitForShutdownAsync(cancellationToken);
        return 0;
    }

    private static List<IAuthenticator> Authenticators(BastionPaths paths) => [];
}
