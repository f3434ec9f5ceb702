using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text.RegularExpressions;

namespace Bastion.Core.Inventory;

/// <summary>
/// The one rule an SSH host must pass to be kept in the inventory, used by every way in: <c>bastion hosts add</c>,
/// <c>bastion setup</c>, both importers (ssh_config and Ansible), <see cref="FileInventory"/>'s add methods and the
/// loader of <c>inventory.yaml</c> (which skips an entry that breaks it and keeps the others), and again by the SSH
/// runner before it builds an ssh command line. Every field that becomes an ssh argument is held to a shape that can
/// never be read as an option (nothing starts with <c>-</c>) or carry shell syntax (<c>$</c>, quotes, spaces, ...).
/// </summary>
public static partial class HostValidator
{
    /// <summary>What an address may be, in words.</summary>
    public const string AddressRule =
        "a host or DNS name (dot-separated labels of 1-63 letters, digits, '-' or '_', not starting or ending with '-'; " +
        "at most 253 characters, e.g. web-01.example.com), an IPv4 address (e.g. 10.0.0.5) or an IPv6 address (e.g. 2001:db8::5)";

    /// <summary>What a user may be, in words.</summary>
    public const string UserRule =
        "a POSIX portable user name: 1-32 characters from letters, digits, '.', '_' and '-', not starting with '-'";

    /// <summary>What a port may be, in words.</summary>
    public const string PortRule = "a whole number from 1 to 65535";

    /// <summary>What a key file may be, in words.</summary>
    public const string IdentityRule =
        "a key file path (absolute, ~/... or relative; not starting with '-'; no control characters; at most 4096 characters)";

    /// <summary>What a jump host may be, in words.</summary>
    public const string JumpRule =
        "[user@]host[:port] as for user, address and port (an IPv6 address in brackets), several separated by commas";

    /// <summary>Why <paramref name="host"/> cannot be kept in the inventory, one sentence per field; empty when it can.</summary>
    /// <param name="host">An SSH host (its kind is not checked).</param>
    public static IReadOnlyList<string> Problems(Host host)
    {
        ArgumentNullException.ThrowIfNull(host);
        var problems = new List<string>();
        if (!HostNames.IsValid(host.Name) || HostNames.Reserved.Contains(host.Name))
        {
            problems.Add($"name '{host.Name}' is invalid: use {HostNames.Rule}; not {string.Join(" or ", HostNames.Reserved)}");
        }

        problems.AddRange(SshProblems(host));
        foreach (var group in host.Groups)
        {
            if (!HostNames.IsValid(group) || HostNames.Reserved.Contains(group))
            {
                problems.Add($"group '{group}' is invalid: use {HostNames.Rule}; not {string.Join(" or ", HostNames.Reserved)}");
            }
        }

        return problems;
    }

    /// <summary>
    /// Why the fields of <paramref name="host"/> that become ssh arguments (address, port, user, identity file, jump
    /// host) cannot be given to ssh, one sentence per field; empty when they can. The SSH runner checks this for every
    /// host, wherever it came from.
    /// </summary>
    public static IReadOnlyList<string> SshProblems(Host host)
    {
        ArgumentNullException.ThrowIfNull(host);
        var problems = new List<string>();
        if (AddressProblem(host.Address) is { } address)
        {
            problems.Add($"address '{host.Address}' is invalid: {address}; use {AddressRule}");
        }

        if (host.Port is { } port && !IsPort(port))
        {
            problems.Add($"port {port} is invalid: use {PortRule}");
        }

        if (host.User is { } user && !IsUser(user))
        {
            problems.Add($"user '{user}' is invalid: use {UserRule}");
        }

        if (host.IdentityFile is { } identity && !IsIdentityFile(identity))
        {
            problems.Add($"identity_file '{identity}' is invalid: use {IdentityRule}");
        }

        if (host.Jump is { } jump && JumpProblem(jump) is { } jumpProblem)
        {
            problems.Add($"jump '{jump}' is invalid: {jumpProblem}; use {JumpRule}");
        }

        return problems;
    }

    /// <summary>Throws unless <paramref name="host"/> passes the rule.</summary>
    /// <param name="host">The host.</param>
    /// <param name="where">Where it came from, for the message (a command, a file and entry number).</param>
    /// <returns>The host itself.</returns>
    /// <exception cref="BastionException">A field breaks the rule; the message names the entry, each bad field, why, and what is accepted.</exception>
    public static Host Validate(Host host, string where)
    {
        var problems = Problems(host);
        return problems.Count == 0
            ? host
            : throw new BastionException($"{where}: host '{host.Name}' was refused: {string.Join("; ", problems)}.");
    }

    /// <summary>True when <paramref name="address"/> is a host or DNS name, an IPv4 or an IPv6 address.</summary>
    public static bool IsAddress(string? address) => AddressProblem(address) is null;

    /// <summary>True when <paramref name="user"/> is a POSIX portable user name that cannot be read as an option.</summary>
    public static bool IsUser(string? user) => user is not null && UserPattern().IsMatch(user);

    /// <summary>True when <paramref name="port"/> is in 1-65535.</summary>
    public static bool IsPort(int port) => port is >= 1 and <= 65535;

    /// <summary>True when <paramref name="path"/> may be given to <c>ssh -i</c>.</summary>
    public static bool IsIdentityFile(string? path) =>
        path is { Length: > 0 and <= 4096 } && !path.StartsWith('-') && !path.Any(char.IsControl) && !string.IsNullOrWhiteSpace(path);

    private static string? AddressProblem(string? address)
    {
        if (string.IsNullOrEmpty(address))
        {
            return "it is empty";
        }

        if (address.StartsWith('-'))
        {
            return "it starts with '-', which ssh would read as an option";
        }

        if (address.Contains(':', StringComparison.Ordinal))
        {
            return IPAddress.TryParse(address, out var v6) && v6.AddressFamily == AddressFamily.InterNetworkV6 && V6Pattern().IsMatch(address)
                ? null
                : "it has ':' but is not an IPv6 address (give the port separately)";
        }

        if (address.Length > 253)
        {
            return "it is longer than 253 characters";
        }

        if (!DnsNamePattern().IsMatch(address))
        {
            return "it has characters or labels a host name cannot have";
        }

        // All-numeric dotted names are read as IPv4 addresses by ssh; they must then be one.
        return Ipv4ShapePattern().IsMatch(address) && !IsIpv4(address) ? "it looks like an IPv4 address but is not one" : null;
    }

    private static bool IsIpv4(string address)
    {
        var parts = address.Split('.');
        return parts.Length == 4 && parts.All(p => p.Length is >= 1 and <= 3 && int.TryParse(p, NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n <= 255);
    }

    private static string? JumpProblem(string jump)
    {
        if (jump.Length == 0)
        {
            return "it is empty";
        }

        foreach (var hop in jump.Split(','))
        {
            var rest = hop;
            var at = rest.LastIndexOf('@');
            if (at >= 0)
            {
                if (!IsUser(rest[..at]))
                {
                    return $"user '{rest[..at]}' of hop '{hop}' is not {UserRule}";
                }

                rest = rest[(at + 1)..];
            }

            string address;
            string? portText = null;
            if (rest.StartsWith('['))
            {
                var close = rest.IndexOf(']', StringComparison.Ordinal);
                if (close < 0)
                {
                    return $"hop '{hop}' has '[' without ']'";
                }

                address = rest[1..close];
                var tail = rest[(close + 1)..];
                if (tail.Length > 0)
                {
                    if (!tail.StartsWith(':'))
                    {
                        return $"hop '{hop}' has text after ']' that is not ':port'";
                    }

                    portText = tail[1..];
                }
            }
            else
            {
                var colon = rest.IndexOf(':', StringComparison.Ordinal);
                address = colon < 0 ? rest : rest[..colon];
                portText = colon < 0 ? null : rest[(colon + 1)..];
            }

            if (AddressProblem(address) is { } problem)
            {
                return $"host '{address}' of hop '{hop}': {problem}";
            }

            if (portText is not null && !(int.TryParse(portText, NumberStyles.None, CultureInfo.InvariantCulture, out var port) && IsPort(port)))
            {
                return $"port '{portText}' of hop '{hop}' is not {PortRule}";
            }
        }

        return null;
    }

    [GeneratedRegex(@"^(?=.{1,253}\.?$)[A-Za-z0-9_](?:[A-Za-z0-9_-]{0,61}[A-Za-z0-9_])?(?:\.[A-Za-z0-9_](?:[A-Za-z0-9_-]{0,61}[A-Za-z0-9_])?)*\.?$")]
    private static partial Regex DnsNamePattern();

    [GeneratedRegex(@"^[0-9.]+$")]
    private static partial Regex Ipv4ShapePattern();

    // IPv6 text: hex digits, ':' and '.', with an optional zone (interface name) after '%'.
    [GeneratedRegex(@"^[0-9A-Fa-f:.]+(?:%[A-Za-z0-9_.]{1,15})?$")]
    private static partial Regex V6Pattern();

    [GeneratedRegex(@"^[A-Za-z0-9._][A-Za-z0-9._-]{0,31}$")]
    private static partial Regex UserPattern();
}
