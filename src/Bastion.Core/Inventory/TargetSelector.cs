using System.Text.RegularExpressions;

namespace Bastion.Core.Inventory;

/// <summary>
/// Turns a target expression into hosts. Grammar: comma-separated terms, whose hosts are united, in inventory order:
/// <c>all</c>; a host name (<c>*</c> wildcards allowed, e.g. <c>web-*</c>); a group as <c>group:NAME</c> or <c>@NAME</c>;
/// a label as <c>KEY=VALUE</c>.
/// </summary>
public static class TargetSelector
{
    /// <summary>What the expression may be, for error messages and tool descriptions.</summary>
    public const string Grammar =
        "a host name, several separated by commas, a wildcard like web-*, a group as @web or group:web, a label as env=prod, or all";

    /// <summary>The hosts <paramref name="expression"/> selects.</summary>
    /// <exception cref="BastionException">The expression is empty, names an unknown host or group, selects nothing,
    /// or selects more than <paramref name="maxHosts"/> hosts.</exception>
    public static IReadOnlyList<Host> Resolve(string? expression, IReadOnlyList<Host> hosts, int maxHosts)
    {
        ArgumentNullException.ThrowIfNull(hosts);
        var terms = (expression ?? string.Empty).Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        if (terms.Length == 0)
        {
            throw new BastionException($"target is empty. Accepted: {Grammar}.");
        }

        if (hosts.Count == 0)
        {
            throw new BastionException("The inventory has no hosts yet. An administrator adds them with 'bastion hosts add NAME --address ADDRESS' (for a tenant of a shared HTTP server: 'bastion hosts --tenant TENANT add NAME --address ADDRESS').");
        }

        var selected = new HashSet<string>(StringComparer.Ordinal);
        var all = false;
        foreach (var term in terms)
        {
            if (term == "all")
            {
                // The whole inventory, in its order: no set of names to build and look up (a fleet-wide ranking's target).
                all = true;
                continue;
            }

            var matched = Match(term, hosts).ToList();
            if (matched.Count == 0)
            {
                throw new BastionException(NothingMatches(term, hosts));
            }

            selected.UnionWith(matched.Select(h => h.Name));
        }

        var result = all ? hosts : hosts.Where(h => selected.Contains(h.Name)).ToList();
        if (result.Count > maxHosts)
        {
            throw new BastionException($"target '{expression}' selects {result.Count} hosts; at most {maxHosts} are allowed in one call. Narrow it with a group (@web) or a label (env=prod), or raise the limit with --max-hosts.");
        }

        return result;
    }

    private static IEnumerable<Host> Match(string term, IReadOnlyList<Host> hosts)
    {
        if (term == "all")
        {
            return hosts;
        }

        if (GroupName(term) is { } group)
        {
            return hosts.Where(h => h.Groups.Contains(group, StringComparer.Ordinal));
        }

        var eq = term.IndexOf('=', StringComparison.Ordinal);
        if (eq > 0)
        {
            var (key, value) = (term[..eq].Trim(), term[(eq + 1)..].Trim());
            return hosts.Where(h => h.Labels.TryGetValue(key, out var v) && v == value);
        }

        if (term.Contains('*', StringComparison.Ordinal))
        {
            var pattern = new Regex("^" + Regex.Escape(term).Replace("\\*", ".*", StringComparison.Ordinal) + "$", RegexOptions.None, TimeSpan.FromMilliseconds(100));
            return hosts.Where(h => pattern.IsMatch(h.Name));
        }

        return hosts.Where(h => h.Name == term);
    }

    private static string? GroupName(string term) =>
        term.StartsWith('@') ? term[1..]
        : term.StartsWith("group:", StringComparison.Ordinal) ? term["group:".Length..]
        : null;

    private static string NothingMatches(string term, IReadOnlyList<Host> hosts)
    {
        var groups = hosts.SelectMany(h => h.Groups).Distinct().Order(StringComparer.Ordinal).ToList();
        var known = $"Known hosts: {string.Join(", ", hosts.Select(h => h.Name).Take(50))}{(hosts.Count > 50 ? ", …" : string.Empty)}; groups: {(groups.Count == 0 ? "none" : string.Join(", ", groups))}.";
        return GroupName(term) is { } group ? $"Unknown group '{group}'. {known}"
            : term.Contains('=', StringComparison.Ordinal) ? $"No host has the label '{term}'. {known}"
            : term.Contains('*', StringComparison.Ordinal) ? $"No host name matches '{term}'. {known}"
            : $"Unknown host '{term}'. {known} Accepted: {Grammar}.";
    }
}
