using System.ComponentModel;
using System.ComponentModel.DataAnnotations;
using Bastion.Core;
using Bastion.Core.Identity;
using Bastion.Core.Inventory;
using ModelContextProtocol.Server;

namespace Bastion.Mcp.Tools;

/// <summary>The inventory: which hosts exist, and who each one is.</summary>
[McpServerToolType]
public sealed class HostsTools(Fleet fleet)
{
    [McpServerTool(Name = "hosts_list", Title = "List hosts", ReadOnly = true, Destructive = false, Idempotent = true, OpenWorld = false, UseStructuredContent = true)]
    [Description("List the hosts Bastion can inspect; the machine Bastion runs on is always 'local'. Call this first to learn the host names every other tool takes. Returns each host's name, kind, address, groups and labels.")]
    public HostList List(
        [Description("Only hosts whose name or a group contains this text (case-insensitive). Omit for all.")][MaxLength(200)] string? filter = null,
        [Description("Most hosts to return (1-1000).")][Range(1, 1000)] int limit = 100)
    {
        var matching = fleet.Inventory.Hosts.Where(h => string.IsNullOrEmpty(filter)
            || h.Name.Contains(filter, StringComparison.OrdinalIgnoreCase)
            || h.Groups.Any(g => g.Contains(filter, StringComparison.OrdinalIgnoreCase)));
        var (hosts, total, truncated) = Limits.Take(matching, limit);
        return new HostList(total, hosts, truncated);
    }

    [McpServerTool(Name = "hosts_describe", Title = "Describe a host", ReadOnly = true, Destructive = false, Idempotent = true, OpenWorld = false, UseStructuredContent = true)]
    [Description("Describe one host: its own hostname, OS release, kernel, architecture, CPU model and count, total memory, uptime, boot time and time zone. Use it to learn what a machine is before digging into metrics or logs.")]
    public Task<HostIdentity> DescribeAsync(
        [Description("Inventory name of the host (see hosts_list).")][MaxLength(200)] string host = "local",
        CancellationToken cancellationToken = default) =>
        IdentityCollector.CollectAsync(fleet.RunnerFor(host), cancellationToken);
}
