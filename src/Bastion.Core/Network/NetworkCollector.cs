using Bastion.Core.Execution;
using Bastion.Core.Linux;

namespace Bastion.Core.Network;

/// <summary>Reads listening sockets (<c>ss</c>, else <c>netstat</c>) and interfaces (<c>ip -o</c>).</summary>
public static class NetworkCollector
{
    private static readonly string SocketScript = new ScriptSections()
        .Add("ss", "ss -H -lntup")
        .Add("netstat", "command -v ss >/dev/null || netstat -lntup || netstat -lntu")
        .Add("uid", "id -u")
        .ToString();

    private static readonly string InterfaceScript = new ScriptSections()
        .Add("link", "ip -o link show")
        .Add("addr", "ip -o addr show")
        .ToString();

    /// <summary>Listening TCP and bound UDP sockets, by port.</summary>
    /// <exception cref="BastionException">Neither ss nor netstat is on the host.</exception>
    public static async Task<SocketList> SocketsAsync(IHostRunner runner, int limit, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(runner);
        var facts = await runner.ReadFactsAsync(SocketScript, cancellationToken);
        var (source, sockets) =
            facts.TryParse("ss", "ss", ListeningSocket.ParseSs) is { } ss ? ("ss", ss)
            : facts.TryParse("netstat", "netstat", ListeningSocket.ParseNetstat) is { } netstat ? ("netstat", netstat)
            : ((string?)null, (IReadOnlyList<ListeningSocket>)[]);

        var sorted = sockets.OrderBy(s => s.Port).ThenBy(s => s.Protocol, StringComparer.Ordinal).ThenBy(s => s.Address, StringComparer.Ordinal);
        var (items, total, truncated) = Limits.Take(sorted, limit);
        var note = source is null
            ? "Neither ss nor netstat is on this host, or it has no listening sockets."
            : sockets.Count > 0 && sockets.All(s => s.Process is null) && facts.Optional("uid")?.Trim() != "0"
                ? "Process names are hidden: Bastion does not run as root on this host."
                : Limits.CutNote(items.Count, total, "sockets");
        return new SocketList(runner.HostName, source, total, items, truncated, note);
    }

    /// <summary>Network interfaces with their addresses.</summary>
    /// <exception cref="BastionException">The <c>ip</c> command is not on the host.</exception>
    public static async Task<InterfaceList> InterfacesAsync(IHostRunner runner, int limit, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(runner);
        var facts = await runner.ReadFactsAsync(InterfaceScript, cancellationToken);
        var link = facts.Require("link", "the ip command (iproute2 or BusyBox)");
        var interfaces = facts.Parse("addr", "ip -o addr", addr => NetworkInterface.Parse(link, addr));
        var (items, total, truncated) = Limits.Take(interfaces, limit);
        return new InterfaceList(runner.HostName, total, items, truncated);
    }
}
