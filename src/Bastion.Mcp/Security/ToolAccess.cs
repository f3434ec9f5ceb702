using Bastion.Core.Policy;
using Bastion.Mcp.Catalog;
using ModelContextProtocol.Protocol;

namespace Bastion.Mcp.Security;

/// <summary>
/// Decides which tools a principal sees and may call: the toolset and tool filters, whether a platform's toolset is
/// configured (see <see cref="ToolsetAvailability"/>), the scope each toolset needs, and the mode (read-only mode serves only tools annotated read-only, plus commands_run, which the command policy then
/// holds to the read-only set).
/// </summary>
public sealed class ToolAccess(BastionOptions options, IEnumerable<ToolsetAvailability> availability)
{
    private readonly ILookup<string, ToolsetAvailability> _availability = availability.ToLookup(a => a.Toolset, StringComparer.Ordinal);

    /// <summary>The tool that stays in read-only mode although it can change things: its commands are checked one by one.</summary>
    public const string PolicedTool = "commands_run";

    /// <summary>Null when <paramref name="principal"/> may see and call <paramref name="tool"/>; otherwise why not, in a sentence.</summary>
    public string? Refusal(Principal principal, Tool tool)
    {
        ArgumentNullException.ThrowIfNull(principal);
        ArgumentNullException.ThrowIfNull(tool);
        var toolset = ToolCatalog.ToolsetOf(tool);
        if (!options.Toolsets.Admits(toolset) || !options.Tools.Admits(tool.Name))
        {
            return $"Tool '{tool.Name}' is not served: the server was started with --toolsets/--tools that leave it out.";
        }

        if (!options.Toolsets.Names(toolset)
            && _availability[toolset].FirstOrDefault(a => !a.AlwaysServed.Contains(tool.Name, StringComparer.Ordinal) && !a.IsConfigured()) is { } missing)
        {
            return $"Tool '{tool.Name}' is not served: {toolset} is not configured. {missing.Setup}";
        }

        if (principal.Mode == Mode.ReadOnly && tool.Annotations?.ReadOnlyHint != true && tool.Name != PolicedTool)
        {
            return $"Tool '{tool.Name}' changes things, and Bastion runs in read-only mode. Start it with --mode operator to use it (each such call then asks for confirmation).";
        }

        var scope = ToolCatalog.ScopeOf(tool);
        if (!principal.Has(scope))
        {
            return $"Tool '{tool.Name}' needs the scope '{scope}', which '{principal.Name}' does not have (scopes: {string.Join(", ", principal.Scopes.Order(StringComparer.Ordinal))}).";
        }

        return null;
    }

    /// <summary>True when a call of <paramref name="tool"/> needs the user's confirmation whatever its arguments (destructive annotation).</summary>
    public static bool AlwaysConfirms(Tool tool)
    {
        ArgumentNullException.ThrowIfNull(tool);
        return tool.Annotations?.DestructiveHint == true && tool.Name != PolicedTool;
    }
}
