using System.Diagnostics.CodeAnalysis;
using ModelContextProtocol.Server;

namespace Bastion.Mcp.Catalog;

/// <summary>
/// The tool catalogue, built when it is first needed rather than before the first <c>initialize</c> answer. Making the
/// tools (reflection over the toolsets, JSON schemas of every argument and result) costs more CPU than the rest of
/// start-up together (bench/README.md), and an <c>initialize</c> answer needs none of it: the first <c>tools/list</c> or
/// <c>tools/call</c> builds it, once, and later ones use it. A build that fails fails every use of the collection.
/// </summary>
/// <remarks>
/// The SDK reads a tool collection only through its virtual members (enumeration, <c>TryGetPrimitive</c>); the
/// non-virtual <c>Count</c>, <c>IsEmpty</c> and indexer of the base class stay empty, so code holding this type uses
/// <see cref="Tools"/>.
/// </remarks>
/// <param name="create">Builds the tools; called once, on the thread that first needs them.</param>
public sealed class DeferredToolCollection(Func<McpServerPrimitiveCollection<McpServerTool>> create) : McpServerPrimitiveCollection<McpServerTool>
{
    private readonly Lazy<McpServerPrimitiveCollection<McpServerTool>> _tools = new(create, LazyThreadSafetyMode.ExecutionAndPublication);

    /// <summary>The tools, built on first use.</summary>
    public McpServerPrimitiveCollection<McpServerTool> Tools => _tools.Value;

    /// <inheritdoc/>
    public override void Clear() => Notify(Tools.Clear);

    /// <inheritdoc/>
    public override bool TryAdd(McpServerTool primitive) => Notify(() => Tools.TryAdd(primitive));

    /// <inheritdoc/>
    public override bool Remove(McpServerTool primitive) => Notify(() => Tools.Remove(primitive));

    /// <inheritdoc/>
    public override bool TryGetPrimitive(string name, [NotNullWhen(true)] out McpServerTool? primitive) => Tools.TryGetPrimitive(name, out primitive);

    /// <inheritdoc/>
    public override bool Contains(McpServerTool primitive) => Tools.Contains(primitive);

    /// <inheritdoc/>
    public override ICollection<string> PrimitiveNames => Tools.PrimitiveNames;

    /// <inheritdoc/>
    public override McpServerTool[] ToArray() => Tools.ToArray();

    /// <inheritdoc/>
    public override void CopyTo(McpServerTool[] array, int arrayIndex) => Tools.CopyTo(array, arrayIndex);

    /// <inheritdoc/>
    public override IEnumerator<McpServerTool> GetEnumerator() => Tools.GetEnumerator();

    // A change to the tools is a change to this collection: the server listens here for list_changed notifications.
    private bool Notify(Func<bool> change)
    {
        var changed = change();
        if (changed)
        {
            RaiseChanged();
        }

        return changed;
    }

    private void Notify(Action change)
    {
        change();
        RaiseChanged();
    }
}
