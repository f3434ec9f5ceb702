using System.Diagnostics.CodeAnalysis;
using ModelContextProtocol.Server;

namespace Bastion.Mcp.Catalog;

/// <summary>
/// The tool catalogue, each tool made only when it is first needed. Making a tool (reflection over its method, the JSON
/// schemas of its arguments and result) is the dearest part of start-up (bench/README.md), and a session sees a fraction
/// of the registered tools (its mode, scopes, toolset filters and configured platforms leave the rest out): the entries'
/// <see cref="ToolFacts"/> decide what a listing shows (see <see cref="ListingOnly"/>) and a call makes only the tool it
/// names. The list of entries itself is read from the toolsets on first use, not before the first <c>initialize</c> answer.
/// </summary>
/// <remarks>
/// The SDK reads a tool collection only through its virtual members (enumeration, <c>TryGetPrimitive</c>); the
/// non-virtual <c>Count</c>, <c>IsEmpty</c> and indexer of the base class stay empty, so code holding this type uses
/// the virtual members.
/// </remarks>
public sealed class DeferredToolCollection : McpServerPrimitiveCollection<McpServerTool>
{
    // The listing filter of the current async flow (a tools/list request in progress); null lists every tool.
    private static readonly AsyncLocal<Func<ToolFacts, bool>?> Listing = new();

    private readonly Lazy<IReadOnlyList<CatalogEntry>> _initial;
    private readonly Lock _gate = new();
    private Index? _index;

    /// <summary>A collection of the entries <paramref name="entries"/> reads, on first use (once).</summary>
    internal DeferredToolCollection(Func<IReadOnlyList<CatalogEntry>> entries) =>
        _initial = new(entries, LazyThreadSafetyMode.ExecutionAndPublication);

    /// <summary>
    /// Until the returned scope is disposed, enumerating any <see cref="DeferredToolCollection"/> in the current async flow
    /// (the SDK's <c>tools/list</c> handler, called from a request filter) yields, and so makes, only the tools whose facts
    /// <paramref name="admits"/>. Tools added as made tools are filtered on their facts too.
    /// </summary>
    public static IDisposable ListingOnly(Func<ToolFacts, bool> admits)
    {
        ArgumentNullException.ThrowIfNull(admits);
        var previous = Listing.Value;
        Listing.Value = admits;
        return new ListingScope(previous);
    }

    /// <summary>The facts of every tool in catalogue order, without making any.</summary>
    public IEnumerable<ToolFacts> Facts => Current.Entries.Select(e => e.Facts);

    /// <inheritdoc/>
    public override void Clear()
    {
        Change(_ => []);
        RaiseChanged();
    }

    /// <inheritdoc/>
    public override bool TryAdd(McpServerTool primitive)
    {
        ArgumentNullException.ThrowIfNull(primitive);
        var added = Change(entries => entries.Any(e => e.Facts.Name == primitive.ProtocolTool.Name) ? null : [.. entries, new CatalogEntry(primitive)]);
        if (added)
        {
            RaiseChanged();
        }

        return added;
    }

    /// <inheritdoc/>
    public override bool Remove(McpServerTool primitive)
    {
        ArgumentNullException.ThrowIfNull(primitive);
        var removed = Change(entries => entries.Any(e => e.IsMade && ReferenceEquals(e.Tool, primitive)) ? [.. entries.Where(e => !e.IsMade || !ReferenceEquals(e.Tool, primitive))] : null);
        if (removed)
        {
            RaiseChanged();
        }

        return removed;
    }

    /// <inheritdoc/>
    public override bool TryGetPrimitive(string name, [NotNullWhen(true)] out McpServerTool? primitive)
    {
        primitive = Current.ByName.TryGetValue(name, out var entry) ? entry.Tool : null;
        return primitive is not null;
    }

    /// <inheritdoc/>
    public override bool Contains(McpServerTool primitive)
    {
        ArgumentNullException.ThrowIfNull(primitive);
        return Current.ByName.TryGetValue(primitive.ProtocolTool.Name, out var entry) && entry.IsMade && ReferenceEquals(entry.Tool, primitive);
    }

    /// <inheritdoc/>
    public override ICollection<string> PrimitiveNames => [.. Current.Entries.Select(e => e.Facts.Name)];

    /// <inheritdoc/>
    public override McpServerTool[] ToArray() => [.. Listed()];

    /// <inheritdoc/>
    public override void CopyTo(McpServerTool[] array, int arrayIndex) => ToArray().CopyTo(array, arrayIndex);

    /// <inheritdoc/>
    public override IEnumerator<McpServerTool> GetEnumerator() => Listed().GetEnumerator();

    // The tools the current flow lists, made as they are reached.
    private IEnumerable<McpServerTool> Listed()
    {
        var admits = Listing.Value;
        return Current.Entries.Where(e => admits is null || admits(e.Facts)).Select(e => e.Tool);
    }

    private Index Current => Volatile.Read(ref _index) ?? Load();

    private Index Load()
    {
        var entries = _initial.Value;
        lock (_gate)
        {
            return _index ??= new Index(entries);
        }
    }

    // Replaces the entries with change(entries) unless it answers null; true when they were replaced.
    private bool Change(Func<IReadOnlyList<CatalogEntry>, IReadOnlyList<CatalogEntry>?> change)
    {
        var current = Current;
        lock (_gate)
        {
            current = _index ?? current;
            if (change(current.Entries) is not { } next)
            {
                return false;
            }

            Volatile.Write(ref _index, new Index(next));
            return true;
        }
    }

    // The entries in catalogue order and by name; replaced whole on a change, so readers need no lock.
    private sealed class Index
    {
        public Index(IReadOnlyList<CatalogEntry> entries)
        {
            Entries = entries;
            ByName = new Dictionary<string, CatalogEntry>(StringComparer.Ordinal);
            foreach (var entry in entries)
            {
                if (!ByName.TryAdd(entry.Facts.Name, entry))
                {
                    throw new InvalidOperationException($"Two tools are named '{entry.Facts.Name}'.");
                }
            }
        }

        public IReadOnlyList<CatalogEntry> Entries { get; }

        public Dictionary<string, CatalogEntry> ByName { get; }
    }

    private sealed class ListingScope(Func<ToolFacts, bool>? previous) : IDisposable
    {
        public void Dispose() => Listing.Value = previous;
    }
}
