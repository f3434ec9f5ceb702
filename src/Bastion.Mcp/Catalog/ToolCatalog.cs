using System.Reflection;
using System.Text.Json.Nodes;
using Bastion.Mcp.Tools;
using Microsoft.Extensions.DependencyInjection;
using ModelContextProtocol.Protocol;
using ModelContextProtocol.Server;

namespace Bastion.Mcp.Catalog;

/// <summary>
/// The toolsets Bastion serves and the <see cref="McpServerTool"/>s made from their methods. Every toolset is
/// registered; which tools a principal sees and may call is the call pipeline's decision (scopes, mode, filters).
/// </summary>
public static class ToolCatalog
{
    /// <summary>Key in a tool's <c>_meta</c> naming its toolset.</summary>
    public const string ToolsetKey = "bastion/toolset";

    /// <summary>Key in a tool's <c>_meta</c> naming the scope it needs.</summary>
    public const string ScopeKey = "bastion/scope";

    /// <summary>One class per toolset, in catalogue order.</summary>
    public static IReadOnlyList<Type> Toolsets { get; } =
    [
        typeof(HostsTools),
        typeof(MetricsTools),
        typeof(ProcessesTools),
        typeof(SystemTools),
        typeof(LogsTools),
        typeof(FilesTools),
        typeof(CommandsTools),
        typeof(TransferTools),
        typeof(AuditTools),
        typeof(CredentialsTools),
        typeof(AccessTools),
    ];

    /// <summary>Toolset names, for <c>--toolsets</c>.</summary>
    public static IReadOnlyList<string> ToolsetNames { get; } = Toolsets.Select(t => t.GetCustomAttribute<ToolsetAttribute>()!.Name).ToList();

    /// <summary>Tool names, for <c>--tools</c>.</summary>
    public static IReadOnlyList<string> ToolNames { get; } = Toolsets
        .SelectMany(t => t.GetMethods(BindingFlags.Public | BindingFlags.Instance | BindingFlags.DeclaredOnly))
        .Select(m => m.GetCustomAttribute<McpServerToolAttribute>()?.Name).OfType<string>().ToList();

    /// <summary>Registers the toolset classes (stateless singletons).</summary>
    public static IServiceCollection AddToolsets(this IServiceCollection services)
    {
        foreach (var type in Toolsets)
        {
            services.AddSingleton(type);
        }

        return services;
    }

    /// <summary>Creates the tools; each call resolves its toolset instance from the request's services.</summary>
    public static McpServerPrimitiveCollection<McpServerTool> Create(IServiceProvider services)
    {
        var tools = new McpServerPrimitiveCollection<McpServerTool>();
        foreach (var type in Toolsets)
        {
            var toolset = type.GetCustomAttribute<ToolsetAttribute>()
                ?? throw new InvalidOperationException($"{type.Name} has no [Toolset] attribute.");
            foreach (var method in type.GetMethods(BindingFlags.Public | BindingFlags.Instance | BindingFlags.DeclaredOnly))
            {
                if (method.GetCustomAttribute<McpServerToolAttribute>() is null)
                {
                    continue;
                }

                var owner = type;
                tools.Add(McpServerTool.Create(
                    method,
                    request => (request.Services ?? services).GetRequiredService(owner),
                    new McpServerToolCreateOptions
                    {
                        Services = services,
                        SerializerOptions = BastionJson.Options,
                        Meta = new JsonObject { [ToolsetKey] = toolset.Name, [ScopeKey] = toolset.Scope },
                    }));
            }
        }

        return tools;
    }

    /// <summary>The toolset named in a tool's <c>_meta</c>.</summary>
    public static string ToolsetOf(Tool tool) => Meta(tool, ToolsetKey);

    /// <summary>The scope named in a tool's <c>_meta</c>.</summary>
    public static string ScopeOf(Tool tool) => Meta(tool, ScopeKey);

    private static string Meta(Tool tool, string key)
    {
        ArgumentNullException.ThrowIfNull(tool);
        return tool.Meta?[key]?.GetValue<string>() ?? throw new InvalidOperationException($"Tool '{tool.Name}' has no {key} in its _meta.");
    }
}
