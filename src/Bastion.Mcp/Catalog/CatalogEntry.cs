using ModelContextProtocol.Server;

namespace Bastion.Mcp.Catalog;

/// <summary>One tool of the catalogue: its <see cref="ToolFacts"/>, known at once, and the tool, made the first time it is needed.</summary>
internal sealed class CatalogEntry
{
    private readonly Lazy<McpServerTool> _tool;

    /// <summary>An entry whose tool <paramref name="make"/> makes on first use (once, whichever thread asks first).</summary>
    public CatalogEntry(ToolFacts facts, Func<McpServerTool> make)
    {
        Facts = facts;
        _tool = new(make, LazyThreadSafetyMode.ExecutionAndPublication);
    }

    /// <summary>An entry for a tool that is already made.</summary>
    public CatalogEntry(McpServerTool tool)
    {
        Facts = ToolFacts.Of(tool);
        _tool = new(tool);
    }

    /// <summary>What decides who sees and may call the tool.</summary>
    public ToolFacts Facts { get; }

    /// <summary>The tool, made on first use.</summary>
    public McpServerTool Tool => _tool.Value;

    /// <summary>True once the tool is made.</summary>
    public bool IsMade => _tool.IsValueCreated;
}
