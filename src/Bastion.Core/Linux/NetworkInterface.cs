using System.ComponentModel;

namespace Bastion.Core.Linux;

/// <summary>A network interface, from <c>ip -o link show</c> and <c>ip -o addr show</c> (iproute2 or BusyBox).</summary>
public sealed record NetworkInterface(
    [property: Description("Interface name; a @peer suffix (veth, vlan) is dropped.")] string Name,
    [property: Description("Operational state: UP, DOWN, UNKNOWN, …")] string State,
    [property: Description("MTU in bytes.")] int? Mtu,
    [property: Description("Link-layer address; null for interfaces without one.")] string? Mac,
    [property: Description("Flags such as UP, LOWER_UP, LOOPBACK.")] IReadOnlyList<string> Flags,
    [property: Description("IPv4 and IPv6 addresses.")] IReadOnlyList<InterfaceAddress> Addresses)
{
    /// <summary>Joins <c>ip -o link show</c> and <c>ip -o addr show</c> output into interfaces, in link order.</summary>
    /// <exception cref="FormatException">Empty link output, or a line that is not <c>N: name…</c>.</exception>
    public static IReadOnlyList<NetworkInterface> Parse(string linkText, string addrText)
    {
        ParseText.RequireText(linkText, "ip -o link");
        ArgumentNullException.ThrowIfNull(addrText);
        var interfaces = new List<NetworkInterface>();
        foreach (var line in ParseText.Lines(linkText))
        {
            var (name, rest) = Split(line, "ip -o link");
            var f = ParseText.Fields(rest.Replace('\\', ' '));
            var flags = f.Length > 0 && f[0].StartsWith('<') ? f[0].Trim('<', '>', ':').Split(',', StringSplitOptions.RemoveEmptyEntries) : [];
            var mac = After(f, "link/ether") ?? After(f, "link/infiniband");
            interfaces.Add(new NetworkInterface(
                name,
                After(f, "state") ?? (flags.Contains("UP") ? "UP" : "DOWN"),
                ParseText.LongOrNull(After(f, "mtu")) is { } mtu ? (int)mtu : null,
                mac,
                flags,
                []));
        }

        var addresses = new Dictionary<string, List<InterfaceAddress>>(StringComparer.Ordinal);
        foreach (var line in ParseText.Lines(addrText))
        {
            var (name, rest) = Split(line, "ip -o addr");
            var f = ParseText.Fields(rest.Replace('\\', ' '));
            if (f.Length < 2 || f[0] is not ("inet" or "inet6"))
            {
                continue;
            }

            var slash = f[1].IndexOf('/', StringComparison.Ordinal);
            var address = slash > 0 ? f[1][..slash] : f[1];
            var prefix = slash > 0 ? (int)ParseText.Long(f[1][(slash + 1)..], "ip -o addr", "prefix length") : (f[0] == "inet" ? 32 : 128);
            (addresses.TryGetValue(name, out var list) ? list : addresses[name] = [])
                .Add(new InterfaceAddress(f[0], address, prefix, After(f, "scope")));
        }

        return interfaces.Select(i => i with { Addresses = addresses.GetValueOrDefault(i.Name) ?? [] }).ToList();
    }

    private static (string Name, string Remainder) Split(string line, string source)
    {
        // "2: eth0: <...> mtu 1500 ..." (link) or "2: eth0    inet 10.0.0.5/24 ..." (addr)
        var first = line.IndexOf(':', StringComparison.Ordinal);
        if (first <= 0 || ParseText.LongOrNull(line[..first].Trim()) is null)
        {
            throw new FormatException($"{source}: expected 'N: name …', got '{ParseText.Clip(line)}'.");
        }

        var rest = line[(first + 1)..].TrimStart();
        var end = 0;
        while (end < rest.Length && !char.IsWhiteSpace(rest[end]) && rest[end] != ':')
        {
            end++;
        }

        var name = rest[..end];
        var at = name.IndexOf('@', StringComparison.Ordinal);
        return (at > 0 ? name[..at] : name, rest[end..].TrimStart(':', ' '));
    }

    private static string? After(string[] fields, string key)
    {
        var i = Array.IndexOf(fields, key);
        return i >= 0 && i + 1 < fields.Length ? fields[i + 1] : null;
    }
}
