using System.ComponentModel;
using System.Text.RegularExpressions;

namespace Bastion.Core.Linux;

/// <summary>One listening TCP socket or bound UDP socket.</summary>
public sealed partial record ListeningSocket(
    [property: Description("tcp or udp.")] string Protocol,
    [property: Description("Local address: an IPv4 or IPv6 address, or * for all addresses; a %iface suffix is kept.")] string Address,
    [property: Description("Local port.")] int Port,
    [property: Description("Name of the owning process; null when not visible (other users' processes need root).")] string? Process,
    [property: Description("Ids of the processes holding the socket; empty when not visible.")] IReadOnlyList<int> Pids)
{
    /// <summary>Parses <c>ss -H -lntu -p</c> (iproute2): <c>tcp LISTEN 0 128 0.0.0.0:22 0.0.0.0:* users:(("sshd",pid=9,fd=3))</c>.</summary>
    /// <exception cref="FormatException">A line with fewer than 5 fields or without a port.</exception>
    public static IReadOnlyList<ListeningSocket> ParseSs(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var result = new List<ListeningSocket>();
        foreach (var line in ParseText.Lines(text))
        {
            var f = ParseText.Fields(line);
            if (f.Length < 5)
            {
                throw new FormatException($"ss: expected 'netid state recv-q send-q local peer [process]', got '{ParseText.Clip(line)}'.");
            }

            var (address, port) = SplitEndpoint(f[4], "ss");
            var users = f.Length > 6 ? ParseText.Rest(line, 6) : string.Empty;
            var names = SsProcessName().Matches(users).Select(m => m.Groups[1].Value).ToList();
            var pids = SsPid().Matches(users).Select(m => int.Parse(m.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture)).Distinct().ToList();
            result.Add(new ListeningSocket(NormalizeProtocol(f[0]), address, port, names.FirstOrDefault(), pids));
        }

        return result;
    }

    /// <summary>Parses <c>netstat -lntup</c> (net-tools or BusyBox): <c>tcp 0 0 0.0.0.0:22 0.0.0.0:* LISTEN 1/sshd</c>.</summary>
    /// <exception cref="FormatException">A socket line without a local address and port.</exception>
    public static IReadOnlyList<ListeningSocket> ParseNetstat(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var result = new List<ListeningSocket>();
        foreach (var line in ParseText.Lines(text))
        {
            var f = ParseText.Fields(line);
            if (f.Length < 5 || !(f[0].StartsWith("tcp", StringComparison.Ordinal) || f[0].StartsWith("udp", StringComparison.Ordinal)))
            {
                continue; // headers
            }

            var (address, port) = SplitEndpoint(f[3], "netstat");
            var owner = f[^1].Contains('/', StringComparison.Ordinal) ? f[^1].Split('/', 2) : null;
            var pid = owner is not null ? ParseText.LongOrNull(owner[0]) : null;
            result.Add(new ListeningSocket(
                NormalizeProtocol(f[0]),
                address,
                port,
                owner?[1],
                pid is { } p ? [(int)p] : []));
        }

        return result;
    }

    private static string NormalizeProtocol(string netid) => netid.StartsWith("udp", StringComparison.Ordinal) ? "udp" : "tcp";

    private static (string Address, int Port) SplitEndpoint(string endpoint, string source)
    {
        var colon = endpoint.LastIndexOf(':');
        if (colon < 0 || !int.TryParse(endpoint.AsSpan(colon + 1), out var port))
        {
            throw new FormatException($"{source}: no port in local address '{ParseText.Clip(endpoint)}'.");
        }

        // "[::]:80" and "[::ffff:127.0.0.1]:8080" (ss) lose their brackets; "*", "0.0.0.0" and "::" stay as printed.
        var address = endpoint[..colon];
        if (address.Length > 1 && address[0] == '[' && address.IndexOf(']', StringComparison.Ordinal) is var close and > 0)
        {
            address = address[1..close] + address[(close + 1)..];
        }

        return (address.Length == 0 ? "*" : address, port);
    }

    [GeneratedRegex(@"\(""([^""]*)""")]
    private static partial Regex SsProcessName();

    [GeneratedRegex(@"pid=(\d+)")]
    private static partial Regex SsPid();
}
