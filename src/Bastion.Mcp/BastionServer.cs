using System.Reflection;
using Bastion.Core.Execution;
using Bastion.Core.Inventory;
using Bastion.Core.Logs;
using Bastion.Mcp.Catalog;
using Bastion.Mcp.Pipeline;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using ModelContextProtocol.Protocol;
using ModelContextProtocol.Server;

namespace Bastion.Mcp;

/// <summary>Composition of Bastion's MCP server: its services, tools and pipeline, independent of the transport.</summary>
public static class BastionServer
{
    /// <summary>Server name in the <c>initialize</c> answer.</summary>
    public const string Name = "bastion";

    /// <summary>What the model is told about this server in the <c>initialize</c> answer.</summary>
    public const string Instructions =
        "Bastion inspects Linux hosts: the machine it runs on ('local') and the hosts in its inventory. " +
        "Start with hosts_list; every other tool takes host (default 'local'). " +
        "For 'why is it slow' start with metrics_sample, then processes_list and logs_tail. " +
        "Answers are bounded: a truncated flag or a note says when something was left out; raise limit or narrow a filter to see more.";

    /// <summary>This build's version, from the assembly's informational version.</summary>
    public static string Version { get; } =
        typeof(BastionServer).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion.Split('+')[0] ?? "0.0.0";

    /// <summary>Registers what the tools need: the inventory (the local host), runners, the log reader, the clock, the toolsets.</summary>
    public static IServiceCollection AddBastion(this IServiceCollection services, LogsOptions? logs = null)
    {
        services.AddSingleton<IInventory, LocalInventory>();
        services.AddSingleton<IRunnerProvider, RunnerProvider>();
        services.AddSingleton<Fleet>();
        services.AddSingleton(logs ?? new LogsOptions());
        services.AddSingleton<LogReader>();
        services.AddSingleton(TimeProvider.System);
        return services.AddToolsets();
    }

    /// <summary>The server options: identity, instructions, tools, and the call pipeline.</summary>
    public static McpServerOptions CreateOptions(IServiceProvider services)
    {
        ArgumentNullException.ThrowIfNull(services);
        var options = new McpServerOptions
        {
            ServerInfo = new Implementation { Name = Name, Title = "Bastion", Version = Version },
            ServerInstructions = Instructions,
            ToolCollection = ToolCatalog.Create(services),
        };
        var logger = services.GetService<ILoggerFactory>()?.CreateLogger("Bastion.Mcp") ?? Microsoft.Extensions.Logging.Abstractions.NullLogger.Instance;
        ToolCallPipeline.AddTo(options, logger);
        return options;
    }
}
