using System.Reflection;
using Bastion.Mcp.Tools;
using Microsoft.Extensions.DependencyInjection;
using ModelContextProtocol.Server;

namespace Bastion.Mcp.Catalog;

/// <summary>The toolsets Bastion serves, and the <see cref="McpServerTool"/>s made from their methods.</summary>
public static class ToolCatalog
{
    /// <summary>One class per toolset; each method marked <see cref="McpServerToolAttribute"/> is a tool.</summary>
    public static IReadOnlyList<Type> ToolTypes { get; } =
    [
        typeof(HostsTools),
        typeof(MetricsTools),
        typeof(ProcessesTools),
        typeof(SystemTools),
        typeof(LogsTools),
    ];

    /// <summary>Registers the toolset classes (stateless singletons).</summary>
    public static IServiceCollection AddToolsets(this IServiceCollection services)
    {
        foreach (var type in ToolTypes)
        {
            services.AddSingleton(type);
        }

        return services;
    }

    /// <summary>Creates the tools; each call resolves its toolset instance from the request's services.</summary>
    public static McpServerPrimitiveCollection<McpServerTool> Create(IServiceProvider services)
    {
        var tools = new McpServerPrimitiveCollection<McpServerTool>();
        foreach (var type in ToolTypes)
        {
            foreach (var method in type.GetMethods(BindingFlags.Public | BindingFlags.Instance | BindingFlags.DeclaredOnly))
            {
                if (method.GetCustomAttribute<McpServerToolAttribute>() is null)
                {
                    continue;
                }

                var toolset = type;
                tools.Add(McpServerTool.Create(
                    method,
                    request => (request.Services ?? services).GetRequiredService(toolset),
                    new McpServerToolCreateOptions { Services = services, SerializerOptions = BastionJson.Options }));
            }
        }

        return tools;
    }
}
