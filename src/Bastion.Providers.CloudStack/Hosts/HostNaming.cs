using System.Text;
using Bastion.Core.Inventory;

namespace Bastion.Providers.CloudStack.Hosts;

/// <summary>
/// Turns VM names into valid, unique host names (<see cref="HostNames.Rule"/>): characters outside the rule become '-',
/// a name that would start with something else, be empty or be reserved gets a <c>vm-</c> prefix, and when several
/// VMs end up with the same name each of them gets the first 8 characters of its id appended, so names do not depend
/// on listing order.
/// </summary>
internal static class HostNaming
{
    private const int MaxLength = 63;

    /// <summary>Host names for <paramref name="vms"/> (id, name), in the same order.</summary>
    public static IReadOnlyList<string> Assign(IReadOnlyList<(string Id, string? Name)> vms)
    {
        var clean = vms.Select(v => Sanitise(v.Name, v.Id)).ToList();
        var clashes = clean.GroupBy(n => n, StringComparer.Ordinal).Where(g => g.Count() > 1).Select(g => g.Key).ToHashSet(StringComparer.Ordinal);
        var names = new List<string>(vms.Count);
        var taken = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < vms.Count; i++)
        {
            var name = clashes.Contains(clean[i]) ? WithSuffix(clean[i], ShortId(vms[i].Id)) : clean[i];
            for (var n = 2; !taken.Add(name); n++)
            {
                name = WithSuffix(clean[i], $"{ShortId(vms[i].Id)}-{n}");
            }

            names.Add(name);
        }

        return names;
    }

    /// <summary>One VM name made valid; <paramref name="id"/> stands in when nothing usable is left.</summary>
    public static string Sanitise(string? name, string id)
    {
        var builder = new StringBuilder();
        foreach (var c in (name ?? string.Empty).Trim())
        {
            var ok = char.IsAsciiLetterOrDigit(c) || c is '.' or '_' or '-';
            var next = ok ? c : '-';
            if (next == '-' && builder.Length > 0 && builder[^1] == '-')
            {
                continue;
            }

            builder.Append(next);
        }

        var result = builder.ToString().Trim('-');
        if (result.Length == 0)
        {
            result = "vm-" + ShortId(id);
        }
        else if (!char.IsAsciiLetterOrDigit(result[0]) || HostNames.Reserved.Contains(result))
        {
            result = "vm-" + result;
        }

        return result.Length > MaxLength ? result[..MaxLength].TrimEnd('-', '.', '_') : result;
    }

    private static string WithSuffix(string name, string suffix)
    {
        var room = MaxLength - suffix.Length - 1;
        return $"{(name.Length > room ? name[..room].TrimEnd('-', '.', '_') : name)}-{suffix}";
    }

    private static string ShortId(string id)
    {
        var letters = new string(id.Where(char.IsAsciiLetterOrDigit).ToArray()).ToLowerInvariant();
        return letters.Length == 0 ? "x" : letters.Length <= 8 ? letters : letters[..8];
    }
}
