namespace Bastion.Mcp.Catalog;

/// <summary>
/// Names a toolset class and the scope its tools need. The catalogue copies both into each tool's <c>_meta</c>
/// (<c>bastion/toolset</c>, <c>bastion/scope</c>), where the call pipeline reads them.
/// </summary>
[AttributeUsage(AttributeTargets.Class, Inherited = false)]
public sealed class ToolsetAttribute(string name, string scope) : Attribute
{
    /// <summary>The toolset's name, as <c>--toolsets</c> takes it.</summary>
    public string Name { get; } = name;

    /// <summary>The scope a principal needs to see and call the toolset's tools.</summary>
    public string Scope { get; } = scope;
}
