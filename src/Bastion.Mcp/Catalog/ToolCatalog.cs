using System.Reflection;
using Bastion.Mcp.Tools;
using Microsoft.Extensions.DependencyInjection;
using ModelContextProtocol.Server;

namespace Bastion.Mcp.Catalog;

/// <summary>The toolsets Bastion serves, and the <see cref="McpServerTool"/>s made from their methods.</summary>
public static class ToolCatalog
{
    /// <summary>Toolsets every server has: all read-only.</summary>
    public static IReadOnlyList<Type> ReadOnlyToolsets { get; } =
    [
        typeof(HostsTools),
        typeof(MetricsTools),
        typeof(ProcessesTools),
        typeof(SystemTools),
        typeof(LogsTools),
        typeof(FilesTools),
    ];

    /// <summary>The flag that makes the server serve each opt-in tool, by tool name.</summary>
    public static IReadOnlyDictionary<string, string> OptInFlags { get; } = new[]
    {
        (Toolset: typeof(CommandsTools), Flag: "--allow-commands"),
        (Toolset: typeof(TransferTools), Flag: "--allow-file-transfer"),
    }
    .SelectMany(t => t.Toolset.GetMethods().Select(m => m.GetCustomAttribute<McpServerToolAttribute>()?.Name).OfType<string>().Select(name => (name, t.Flag)))
    .ToDictionary(t => t.name, t => t.Flag, StringComparer.Ordinal);

    /// <summary>The toolsets <paramref name="options"/> allows, in catalogue order.</summary>
    public static IReadOnlyList<Type> Toolsets(BastionOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var types = ReadOnlyToolsets.ToList();
        if (options.AllowCommands)
        {
            types.Add(typeof(CommandsTools));
        }

        if (options.AllowFileTransfer)
        {
            types.Add(typeof(TransferTools));
        }

        return types;
    }

    /// <summary>Registers the allowed toolset classes (stateless singletons).</summary>
    public static IServiceCollection AddToolsets(this IServiceCollection services, BastionOptions options)
    {
        foreach (var type in Toolsets(options))
        {
            services.AddSingleton(type);
        }

        return services;
    }

    /// <summary>Creates the tools; each call resolves its toolset instance from the request's services.</summary>
    public static McpServerPrimitiveCollection<McpServerTool> Create(IServiceProvider services)
    {
        var tools = new McpServerPrimitiveCollection<McpServerTool>();
        foreach (var type in Toolsets(services.GetRequiredService<BastionOptions>()))
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
