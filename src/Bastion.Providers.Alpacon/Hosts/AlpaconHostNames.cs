using System.Text;
using Bastion.Core.Inventory;

namespace Bastion.Providers.Alpacon.Hosts;

/// <summary>
/// Bastion names for Alpacon servers: the server's name (characters outside the host-name rule become '-', cut to 63);
/// a name that several servers share gets <c>.&lt;workspace&gt;</c> appended, and, if still shared, the first 8
/// characters of the server id.
/// </summary>
internal static class AlpaconHostNames
{
    public static IReadOnlyList<(AlpaconServer Server, string Name)> Assign(IReadOnlyList<AlpaconServer> servers)
    {
        var basic = servers.Select(s => (Server: s, Name: Clean(s.Name))).ToList();
        var shared = basic.GroupBy(b => b.Name, StringComparer.Ordinal).Where(g => g.Count() > 1).Select(g => g.Key).ToHashSet(StringComparer.Ordinal);
        var qualified = basic.Select(b => shared.Contains(b.Name) ? (b.Server, Name: Cut($"{b.Name}.{b.Server.Workspace}")) : b).ToList();
        var still = qualified.GroupBy(b => b.Name, StringComparer.Ordinal).Where(g => g.Count() > 1).Select(g => g.Key).ToHashSet(StringComparer.Ordinal);
        return qualified.Select(b => still.Contains(b.Name) ? (b.Server, Cut($"{b.Name[..Math.Min(b.Name.Length, 54)]}-{Id8(b.Server.Id)}")) : b).ToList();
    }

    /// <summary><paramref name="name"/> made to fit <see cref="HostNames.Rule"/> (and not a reserved name).</summary>
    public static string Clean(string name)
    {
        var text = new StringBuilder();
        foreach (var c in name.Trim())
        {
            text.Append(char.IsAsciiLetterOrDigit(c) || c is '.' or '_' or '-' ? c : '-');
        }

        var clean = text.ToString().TrimStart('.', '_', '-');
        if (clean.Length == 0 || HostNames.Reserved.Contains(clean))
        {
            clean = "alpacon-" + clean;
        }

        return Cut(clean);
    }

    private static string Cut(string name) => name.Length <= 63 ? name : name[..63];

    private static string Id8(string id) => new([.. id.Where(char.IsAsciiLetterOrDigit).Take(8)]);
}
