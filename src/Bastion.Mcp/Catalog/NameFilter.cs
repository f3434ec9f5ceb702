namespace Bastion.Mcp.Catalog;

/// <summary>
/// An allow/deny list of names from the command line, e.g. <c>metrics,logs</c> (only those) or <c>-commands</c> (all but
/// that); both kinds may be mixed: <c>system,-services_list</c>.
/// </summary>
public sealed class NameFilter
{
    private readonly HashSet<string> _allow;
    private readonly HashSet<string> _deny;

    private NameFilter(HashSet<string> allow, HashSet<string> deny)
    {
        _allow = allow;
        _deny = deny;
    }

    /// <summary>Lets every name through.</summary>
    public static NameFilter All { get; } = new([], []);

    /// <summary>Parses a comma-separated list; names prefixed with '-' are denied.</summary>
    /// <param name="list">The list, e.g. <c>metrics,logs</c> or <c>-commands</c>.</param>
    /// <param name="known">The names that exist.</param>
    /// <param name="what">What the names are, for the message (e.g. "toolset").</param>
    /// <exception cref="Bastion.Core.BastionException">A name that does not exist; the message lists those that do.</exception>
    public static NameFilter Parse(string? list, IReadOnlyCollection<string> known, string what)
    {
        ArgumentNullException.ThrowIfNull(known);
        var allow = new HashSet<string>(StringComparer.Ordinal);
        var deny = new HashSet<string>(StringComparer.Ordinal);
        foreach (var item in (list ?? string.Empty).Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var name = item.TrimStart('-');
            if (!known.Contains(name))
            {
                throw new Bastion.Core.BastionException($"Unknown {what} '{name}'. Known: {string.Join(", ", known)}.");
            }

            (item.StartsWith('-') ? deny : allow).Add(name);
        }

        return new NameFilter(allow, deny);
    }

    /// <summary>True when <paramref name="name"/> passes: not denied, and allowed when an allow list was given.</summary>
    /// <summary>True when <paramref name="name"/> was named explicitly (not merely admitted by an empty list).</summary>
    public bool Names(string name) => _allow.Contains(name);

    public bool Admits(string name) => !_deny.Contains(name) && (_allow.Count == 0 || _allow.Contains(name));
}
