using System.Text;
using Bastion.Core.Inventory;

namespace Bastion.Providers.Cloudways.Hosts;

/// <summary>
/// Bastion host names for Cloudways servers: the server's label in lower case with anything outside
/// <see cref="HostNames.Rule"/> turned into '-' (<c>Prod DO</c> → <c>prod-do</c>); the server id is appended when two
/// labels give the same name, when the name is reserved, and <c>cloudways-{id}</c> is used when nothing of the label is left.
/// </summary>
internal static class CloudwaysHostNames
{
    private const int MaxSlug = 40;

    /// <summary>A name for each server id, unique within the list.</summary>
    public static IReadOnlyDictionary<long, string> For(IEnumerable<(long Id, string? Label)> servers)
    {
        var slugs = servers.Select(s => (s.Id, Slug: Slug(s.Label))).ToList();
        var counts = slugs.GroupBy(s => s.Slug, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal);
        var names = new Dictionary<long, string>();
        foreach (var (id, slug) in slugs)
        {
            names[id] = slug.Length == 0 ? $"cloudways-{id}"
                : counts[slug] > 1 || HostNames.Reserved.Contains(slug) || !HostNames.IsValid(slug) ? $"{slug}-{id}"
                : slug;
        }

        return names;
    }

    private static string Slug(string? label)
    {
        var text = new StringBuilder();
        foreach (var c in (label ?? string.Empty).Trim().ToLowerInvariant())
        {
            var keep = char.IsAsciiLetterOrDigit(c) || c is '.' or '_' or '-';
            if (keep)
            {
                text.Append(c);
            }
            else if (text.Length > 0 && text[^1] != '-')
            {
                text.Append('-');
            }
        }

        var slug = text.ToString().TrimStart('.', '_', '-');
        slug = slug.Length > MaxSlug ? slug[..MaxSlug] : slug;
        return slug.TrimEnd('-', '.', '_');
    }
}
