using System.ComponentModel;
using System.ComponentModel.DataAnnotations;
using Bastion.Core.Inventory;
using Bastion.Core.Policy;
using Bastion.Tools;
using Bastion.Providers.Alpacon.Hosts;
using Bastion.Providers.Alpacon.Api;
using ModelContextProtocol.Server;

namespace Bastion.Providers.Alpacon.Servers;

/// <summary>Alpacon's own view of its servers: connection state, OS, load (source <c>GET /api/servers/servers/</c>).</summary>
[McpServerToolType]
[Toolset("alpacon", Scopes.PlatformRead)]
internal sealed class AlpaconServersTools(AlpaconTargets targets, IInventory inventory)
{
    [McpServerTool(Name = "alpacon_servers_list", Title = "List Alpacon servers", ReadOnly = true, Destructive = false, Idempotent = true, OpenWorld = true, UseStructuredContent = true)]
    [Description("Servers of an Alpacon workspace: agent connected, OS, load, boot time, cores, memory, and the Bastion host name for host tools (metrics_sample, commands_run…).")]
    public async Task<AlpaconServerList> ListAsync(
        [Description(AlpaconText.Workspace)][StringLength(63)] string? workspace = null,
        [Description("Only servers whose name contains this text (Alpacon's search).")][StringLength(200)] string? search = null,
        [Description(AlpaconText.Limit)][Range(1, 1000)] int limit = 100,
        CancellationToken cancellationToken = default)
    {
        var client = targets.Workspace(workspace);
        var list = await client.ListAsync("api/servers/servers/", [new("search", search)], limit, cancellationToken);
        var hosts = inventory.Hosts
            .Where(h => h.Labels.GetValueOrDefault(AlpaconLabels.WorkspaceKey) == client.Workspace.Name && h.Labels.ContainsKey(AlpaconLabels.ServerIdKey))
            .GroupBy(h => h.Labels[AlpaconLabels.ServerIdKey], StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.First().Name, StringComparer.Ordinal);
        var servers = list.Items.Select(s => AlpaconServer.From(client.Workspace.Name, s)).OfType<AlpaconServer>()
            .Select(s => new AlpaconServerInfo(hosts.GetValueOrDefault(s.Id), s.Workspace, s.Id, s.Name, s.RemoteIp, s.Connected, s.OsName, s.OsVersion, s.Load, s.BootTime, s.Status, s.LogicalCores, s.MemoryBytes))
            .ToList();
        return new AlpaconServerList(client.Workspace.Name, list.Total, list.Truncated, servers, list.CutNotes("servers"));
    }
}
