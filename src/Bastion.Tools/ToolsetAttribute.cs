namespace Bastion.Tools;

/// <summary>
/// Names the toolset a tool belongs to and the scope it needs. On a tool class it is the default of every tool in it;
/// on a tool method it overrides the class's for that tool, so a feature keeps its read and write tools in one class
/// (e.g. the class <c>[Toolset("cloudways", Scopes.CloudRead)]</c>, one method <c>[Toolset("cloudways", Scopes.CloudWrite)]</c>).
/// The catalogue copies both into each tool's <c>_meta</c> (<see cref="ToolMeta.Toolset"/>, <see cref="ToolMeta.Scope"/>),
/// where the call pipeline reads them.
/// </summary>
[AttributeUsage(AttributeTargets.Class | AttributeTargets.Method, Inherited = false)]
public sealed class ToolsetAttribute(string name, string scope) : Attribute
{
    /// <summary>The toolset's name, as <c>--toolsets</c> takes it.</summary>
    public string Name { get; } = name;

    /// <summary>The scope a principal needs to see and call the tool(s).</summary>
    public string Scope { get; } = scope;
}
