using Bastion.Core.Policy;
using Bastion.Mcp.Catalog;
using ModelContextProtocol.Server;
using Bastion.Tools;

namespace Bastion.Mcp.Security;

/// <summary>
/// Decides which tools a principal sees and may call: the toolset and tool filters, whether a platform's toolset is
/// configured (see <see cref="ToolsetAvailability"/>), the scope each toolset needs, and the mode (read-only mode serves
/// only tools annotated read-only, plus tools marked <see cref="RunsCommandsAttribute"/>, which the command policy then
/// holds to the read-only set, and tools marked <see cref="CallRiskAttribute"/> with calls that only read, whose changes the pipeline then refuses). What a tool is comes from its annotations and metadata, never from its name.
/// </summary>
public sealed class ToolAccess(BastionOptions options, IEnumerable<ToolsetAvailability> availability)
{
    private readonly ILookup<string, ToolsetAvailability> _availability = availability.ToLookup(a => a.Toolset, StringComparer.Ordinal);

    /// <summary>Null when <paramref name="principal"/> may see and call <paramref name="tool"/>; otherwise why not, in a sentence.</summary>
    public string? Refusal(Principal principal, McpServerTool tool) => Refusal(principal, ToolFacts.Of(tool));

    /// <summary>Null when <paramref name="principal"/> may see and call the tool of <paramref name="facts"/>; otherwise why not, in a sentence.</summary>
    public string? Refusal(Principal principal, ToolFacts facts)
    {
        ArgumentNullException.ThrowIfNull(principal);
        ArgumentNullException.ThrowIfNull(facts);
        var (name, toolset) = (facts.Name, facts.Toolset);
        if (!options.Toolsets.Admits(toolset) || !options.Tools.Admits(name))
        {
            return $"Tool '{name}' is not served: the server was started with --toolsets/--tools that leave it out.";
        }

        if (!options.Toolsets.Names(toolset)
            && _availability[toolset].FirstOrDefault(a => !a.AlwaysServed.Contains(name, StringComparer.Ordinal) && !a.IsConfigured()) is { } missing)
        {
            return $"Tool '{name}' is not served: {toolset} is not configured. {missing.Setup}";
        }

        if (principal.Mode == Mode.ReadOnly && !facts.ReadOnly && !facts.RunsCommands && !facts.ServesReadsPerCall)
        {
            return $"Tool '{name}' changes things, and Bastion runs in read-only mode. Start it with --mode operator to use it (each such call then asks for confirmation).";
        }

        if (!principal.Has(facts.Scope))
        {
            return $"Tool '{name}' needs the scope '{facts.Scope}', which '{principal.Name}' does not have (scopes: {string.Join(", ", principal.Scopes.Order(StringComparer.Ordinal))}).";
        }

        return null;
    }

    /// <summary>
    /// True when a call of <paramref name="tool"/> needs the user's confirmation whatever its arguments: a destructive
    /// annotation, unless the tool runs commands (then the command policy decides, call by call).
    /// </summary>
    public static bool AlwaysConfirms(McpServerTool tool)
    {
        ArgumentNullException.ThrowIfNull(tool);
        return tool.ProtocolTool.Annotations?.DestructiveHint == true && CommandSpecOf(tool) is null && !DecidesPerCall(tool);
    }

    /// <summary>True when some call of <paramref name="tool"/> may need confirmation, so it takes <c>confirm</c> and <c>dry_run</c>.</summary>
    public static bool MayConfirm(McpServerTool tool) => AlwaysConfirms(tool) || CommandSpecOf(tool) is not null || DecidesPerCall(tool);

    /// <summary>True when <paramref name="tool"/> says call by call whether it reads or changes (<see cref="CallRiskAttribute"/>).</summary>
    public static bool DecidesPerCall(McpServerTool tool)
    {
        ArgumentNullException.ThrowIfNull(tool);
        return tool.Metadata.OfType<CallRiskAttribute>().Any();
    }

    /// <summary>How <paramref name="tool"/>'s arguments make up the command it runs; null for a tool that runs no commands.</summary>
    public static RunsCommandsAttribute? CommandSpecOf(McpServerTool tool)
    {
        ArgumentNullException.ThrowIfNull(tool);
        return tool.Metadata.OfType<RunsCommandsAttribute>().FirstOrDefault();
    }
}
