using System.Reflection;
using Bastion.Tools;
using ModelContextProtocol.Server;

namespace Bastion.Mcp.Catalog;

/// <summary>
/// What decides who sees and may call a tool (<see cref="Security.ToolAccess"/>): its name, toolset and scope, whether it
/// is annotated read-only, whether it runs commands (<see cref="RunsCommandsAttribute"/>) and whether read-only mode serves
/// its reads call by call (<see cref="CallRiskAttribute"/>). Read from a tool method's attributes, these are known without making the
/// tool (its JSON schemas), so the catalogue makes only the tools a caller sees or calls.
/// </summary>
/// <param name="Name">The tool's name.</param>
/// <param name="Toolset">The toolset it belongs to (<see cref="ToolsetAttribute.Name"/>).</param>
/// <param name="Scope">The scope a principal needs for it (<see cref="ToolsetAttribute.Scope"/>).</param>
/// <param name="ReadOnly">True when it is annotated read-only.</param>
/// <param name="RunsCommands">True when it runs commands (the command policy then decides what it may run).</param>
/// <param name="ServesReadsPerCall">True when its <see cref="CallRiskAttribute"/> says call by call whether it reads or changes and some
/// calls only read (<see cref="CallRiskAttribute.SomeCallsOnlyRead"/>): read-only mode serves it and refuses its changes.</param>
public sealed record ToolFacts(string Name, string Toolset, string Scope, bool ReadOnly, bool RunsCommands, bool ServesReadsPerCall)
{
    /// <summary>The facts of a made tool: its name and annotations, its <c>_meta</c> and its metadata.</summary>
    public static ToolFacts Of(McpServerTool tool)
    {
        ArgumentNullException.ThrowIfNull(tool);
        var protocol = tool.ProtocolTool;
        return new(
            protocol.Name,
            ToolCatalog.ToolsetOf(protocol),
            ToolCatalog.ScopeOf(protocol),
            protocol.Annotations?.ReadOnlyHint == true,
            tool.Metadata.OfType<RunsCommandsAttribute>().Any(),
            tool.Metadata.OfType<CallRiskAttribute>().Any(a => a.SomeCallsOnlyRead));
    }

    /// <summary>The facts of the tool <paramref name="method"/> of the toolset class <paramref name="type"/>, from their attributes.</summary>
    /// <exception cref="InvalidOperationException">The method is no tool, its tool has no name, or neither it nor the class names a toolset.</exception>
    public static ToolFacts Of(Type type, MethodInfo method)
    {
        ArgumentNullException.ThrowIfNull(method);
        var tool = method.GetCustomAttribute<McpServerToolAttribute>()
            ?? throw new InvalidOperationException($"{method.DeclaringType?.Name}.{method.Name} has no [McpServerTool] attribute.");
        var name = tool.Name ?? throw new InvalidOperationException($"{method.DeclaringType?.Name}.{method.Name} names no tool ([McpServerTool(Name = ...)]).");
        var toolset = ToolCatalog.ToolsetOf(type, method);
        return new(name, toolset.Name, toolset.Scope, tool.ReadOnly, method.IsDefined(typeof(RunsCommandsAttribute), false), method.GetCustomAttribute<CallRiskAttribute>(false)?.SomeCallsOnlyRead == true);
    }
}
