using System.CommandLine;
using Bastion.Core.Configuration;
using Bastion.Mcp;
using Bastion.Mcp.Catalog;
using Bastion.Mcp.Observability;
using Bastion.Providers.Alpacon;
using Bastion.Providers.CloudStack;
using Bastion.Providers.Cloudways;
using Bastion.Providers.WebOps;
using Bastion.Mcp.Security;
using Bastion.Ssh;
using Bastion.Store.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Bastion.Cli;

/// <summary>Builds the service provider every verb uses. Logs go to stderr only: stdout belongs to the protocol or the result.</summary>
internal static class Composition
{
    /// <param name="parse">The command line, for the server's options.</param>
    /// <param name="level">Least severe log level written.</param>
    /// <param name="everyTool">Serve every toolset whatever the flags say (for the reference page).</param>
    /// <param name="logFormat">Plain lines or JSON objects.</param>
    public static ServiceProvider Build(ParseResult parse, LogLevel level, bool everyTool = false, LogFormat logFormat = LogFormat.Plain) =>
        new ServiceCollection()
            .AddLogging(logging => logging
                .SetMinimumLevel(level)
                .AddBastionConsole(logFormat))
            .AddBastion(everyTool ? Everything(ServerFlags.Options(parse)) : ServerFlags.Options(parse))
            .AddBackends(parse)
            .AddSingleton(Import.SeedCredentials.Overlay(Import.SeedCredentials.FromEnvironment(Environment.GetEnvironmentVariables())))
            .AddLogRedaction()
            .BuildServiceProvider();

    /// <summary>The read-only services of <c>bastion doctor</c>'s platform checks: the local user's vault and environment credentials.</summary>
    public static ServiceProvider ForDoctor(BastionPaths paths) =>
        new ServiceCollection()
            .AddLogging(logging => logging.SetMinimumLevel(LogLevel.None))
            .AddBastion(new BastionOptions { Paths = paths })
            .AddBackends(new SshOptions())
            .AddSingleton(Import.SeedCredentials.Overlay(Import.SeedCredentials.FromEnvironment(Environment.GetEnvironmentVariables())))
            .AddLogRedaction()
            .BuildServiceProvider();

    /// <summary>What reaches hosts and platforms: SSH, and the hosting-platform providers (each idle until its vault settings exist).</summary>
    public static IServiceCollection AddBackends(this IServiceCollection services, ParseResult parse) =>
        services.AddBackends(ServerFlags.Ssh(parse));

    /// <summary>
    /// The services of the inventory the tools see (hosts_list and every target): <see cref="Core.Inventory.IInventory"/>
    /// merges the inventory file's hosts with those of each configured hosting platform, for the local user or, with
    /// <paramref name="tenant"/>, for that tenant of a shared HTTP server (whose inventory has no <c>local</c>).
    /// </summary>
    public static ServiceProvider Inventory(BastionPaths paths, string? tenant, SshOptions ssh) =>
        new ServiceCollection()
            .AddBastion(tenant is null
                ? new BastionOptions { Paths = paths }
                : new BastionOptions { Paths = paths.ForTenant(tenant), LocalHost = false, Tenant = tenant })
            .AddBackends(ssh)
            .BuildServiceProvider();

    private static IServiceCollection AddBackends(this IServiceCollection services, SshOptions ssh) =>
        services
            .AddSsh(ssh)
            .AddSqliteHistory()
            .AddCloudStack()
            .AddCloudways()
            .AddAlpacon()
            .AddWebOps();

    /// <summary>Every toolset this build serves: Bastion's own and the platform providers'.</summary>
    public static IReadOnlyList<Type> Toolsets { get; } = [.. ToolCatalog.Toolsets, .. CloudStackSetup.Toolsets, .. CloudwaysSetup.Toolsets, .. AlpaconSetup.Toolsets, .. WebOpsSetup.Toolsets];

    /// <summary>The platforms' credential headers a tenant of the HTTP server may send (docs/http.md).</summary>
    public static IReadOnlyList<Core.Secrets.Vault.CredentialHeaderSet> CredentialHeaders { get; } = [CloudStackVault.Headers, CloudwaysVault.Headers, AlpaconVault.Headers, WebOpsVault.Headers];

    /// <summary>Every tool, whatever the mode and whether its platform is configured (for the reference page).</summary>
    private static BastionOptions Everything(BastionOptions options) => new()
    {
        Paths = options.Paths,
        Mode = Core.Policy.Mode.Admin,
        Toolsets = NameFilter.Parse(string.Join(',', ToolCatalog.ToolsetNamesOf(Toolsets)), ToolCatalog.ToolsetNamesOf(Toolsets), "toolset"),
        Logs = options.Logs,
        FanOut = options.FanOut,
        Files = options.Files,
        History = options.History,
    };
}
