using System.Diagnostics.CodeAnalysis;
using System.Reflection;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization.Metadata;
using Bastion.Core;
using Bastion.Mcp.Tools;
using Bastion.Tools;
using Microsoft.Extensions.AI;
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
    public const string ToolsetKey = ToolMeta.Toolset;

    /// <summary>Key in a tool's <c>_meta</c> naming the scope it needs.</summary>
    public const string ScopeKey = ToolMeta.Scope;

    /// <summary>Bastion's own toolsets, one class each, in catalogue order; platform providers add theirs with <see cref="ToolsetServices.AddToolset"/>.</summary>
    public static IReadOnlyList<Type> Toolsets { get; } =
    [
        typeof(HostsTools),
        typeof(MetricsTools),
        typeof(HistoryTools),
        typeof(AlertsTools),
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

    /// <summary>Names of Bastion's own toolsets, for <c>--toolsets</c>.</summary>
    public static IReadOnlyList<string> ToolsetNames { get; } = ToolsetNamesOf(Toolsets);

    /// <summary>Names of Bastion's own tools, for <c>--tools</c>.</summary>
    public static IReadOnlyList<string> ToolNames { get; } = ToolNamesOf(Toolsets);

    /// <summary>The names of <paramref name="toolsets"/> (from their classes' and tool methods' <see cref="ToolsetAttribute"/>).</summary>
    [UnconditionalSuppressMessage("Trimming", "IL2067", Justification = "The Native AOT build roots Bastion's assemblies (src/Bastion/Bastion.csproj, TrimmerRootAssembly): every toolset class keeps its methods.")]
    public static IReadOnlyList<string> ToolsetNamesOf(IEnumerable<Type> toolsets) => toolsets
        .SelectMany(t => ToolMethods(t).Select(m => ToolsetOf(t, m).Name).Prepend(ClassToolset(t).Name))
        .Distinct(StringComparer.Ordinal).ToList();

    /// <summary>The names of the tools <paramref name="toolsets"/> declare.</summary>
    [UnconditionalSuppressMessage("Trimming", "IL2067", Justification = "The Native AOT build roots Bastion's assemblies (src/Bastion/Bastion.csproj, TrimmerRootAssembly): every toolset class keeps its methods.")]
    public static IReadOnlyList<string> ToolNamesOf(IEnumerable<Type> toolsets) => toolsets
        .SelectMany(t => ToolMethods(t))
        .Select(m => m.GetCustomAttribute<McpServerToolAttribute>()!.Name).OfType<string>().ToList();

    /// <summary>
    /// The toolset and scope of the tool <paramref name="method"/> of <paramref name="type"/>: the method's own
    /// <see cref="ToolsetAttribute"/> when it has one, else its class's.
    /// </summary>
    /// <exception cref="InvalidOperationException">Neither the method nor the class has one.</exception>
    public static ToolsetAttribute ToolsetOf(Type type, MethodInfo method)
    {
        ArgumentNullException.ThrowIfNull(type);
        ArgumentNullException.ThrowIfNull(method);
        return method.GetCustomAttribute<ToolsetAttribute>() ?? ClassToolset(type);
    }

    /// <summary>Registers Bastion's own toolset classes (stateless singletons) and the JSON metadata of their arguments and results.</summary>
    [UnconditionalSuppressMessage("Trimming", "IL2072", Justification = "The Native AOT build roots Bastion's assemblies (src/Bastion/Bastion.csproj, TrimmerRootAssembly): every toolset class keeps its methods and constructors.")]
    public static IServiceCollection AddToolsets(this IServiceCollection services)
    {
        foreach (var type in Toolsets)
        {
            services.AddToolset(type);
        }

        return services.AddToolJson(ToolsJson.Default);
    }

    /// <summary>
    /// The JSON options tools are made and called with: <see cref="BastionJson.Options"/> whose resolver puts every
    /// registered <see cref="ToolJson"/> context (the providers') ahead of Bastion's own and the SDK's.
    /// </summary>
    public static JsonSerializerOptions JsonOptions(IServiceProvider services)
    {
        var contexts = services.GetServices<ToolJson>().Select(j => j.Resolver).Distinct().ToList();
        var options = new JsonSerializerOptions(BastionJson.Options)
        {
            // Each property's attributes read once (CachedAttributes): schema generation asks for them a dozen times.
            TypeInfoResolver = JsonTypeInfoResolver.Combine([.. contexts, BastionJson.Options.TypeInfoResolver!]).WithAddedModifier(CachedAttributes.Modify),
        };
        options.MakeReadOnly();
        return options;
    }

    /// <summary>
    /// The tools of every registered toolset, in registration order, as a <see cref="DeferredToolCollection"/>: the toolsets
    /// are read on first use and each tool is made (then passed through <paramref name="serve"/>) the first time it is
    /// listed or called. Each call resolves its toolset instance from the request's services.
    /// </summary>
    /// <param name="services">The server's services: the <see cref="ToolsetRegistration"/>s and <see cref="ToolJson"/> contexts.</param>
    /// <param name="serve">Turns a made tool into the tool served (e.g. adds the confirmation parameters); none serves it as made.</param>
    public static DeferredToolCollection Create(IServiceProvider services, Func<McpServerTool, McpServerTool>? serve = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        var json = new Lazy<JsonSerializerOptions>(() => JsonOptions(services), LazyThreadSafetyMode.ExecutionAndPublication);
        return new DeferredToolCollection(() =>
        [
            .. services.GetServices<ToolsetRegistration>().SelectMany(registration => ToolMethods(registration.Type).Select(method =>
            {
                var type = registration.Type;
                var facts = ToolFacts.Of(type, method);
                return new CatalogEntry(facts, () =>
                {
                    var tool = McpServerTool.Create(
                        method,
                        request => (request.Services ?? services).GetRequiredService(type),
                        new McpServerToolCreateOptions
                        {
                            Services = services,
                            SerializerOptions = json.Value,
                            SchemaCreateOptions = SchemaOptions,
                            Meta = new JsonObject { [ToolsetKey] = facts.Toolset, [ScopeKey] = facts.Scope },
                        });
                    return serve is null ? tool : serve(tool);
                });
            })),
        ]);
    }

    /// <summary>
    /// Schemas as the SDK makes them, except that the items of a list whose element type is written by an
    /// <see cref="IDescribedJsonConverter"/> get that converter's schema (the exporter leaves them as "anything").
    /// </summary>
    private static readonly AIJsonSchemaCreateOptions SchemaOptions = AIJsonSchemaCreateOptions.Default with
    {
        TransformSchemaNode = (context, node) =>
        {
            if (context.TypeInfo.ElementType is { } element && node is JsonObject list
                && context.TypeInfo.Options.GetTypeInfo(element).Converter is IDescribedJsonConverter described)
            {
                list["items"] = described.Schema();
            }

            return node;
        },
    };

    /// <summary>The toolset named in a tool's <c>_meta</c>.</summary>
    public static string ToolsetOf(Tool tool) => Meta(tool, ToolsetKey);

    /// <summary>The scope named in a tool's <c>_meta</c>.</summary>
    public static string ScopeOf(Tool tool) => Meta(tool, ScopeKey);

    private static IEnumerable<MethodInfo> ToolMethods([DynamicallyAccessedMembers(DynamicallyAccessedMemberTypes.PublicMethods)] Type type) => type
        .GetMethods(BindingFlags.Public | BindingFlags.Instance | BindingFlags.DeclaredOnly)
        .Where(m => m.GetCustomAttribute<McpServerToolAttribute>() is not null);

    private static ToolsetAttribute ClassToolset(Type type) => type.GetCustomAttribute<ToolsetAttribute>()
        ?? throw new InvalidOperationException($"{type.Name} has no [Toolset] attribute.");

    private static string Meta(Tool tool, string key)
    {
        ArgumentNullException.ThrowIfNull(tool);
        return tool.Meta?[key]?.GetValue<string>() ?? throw new InvalidOperationException($"Tool '{tool.Name}' has no {key} in its _meta.");
    }
}
