using System.ComponentModel;
using System.ComponentModel.DataAnnotations;
using Bastion.Core;
using Bastion.Core.FanOut;
using Bastion.Core.Identity;
using Bastion.Core.Inventory;
using ModelContextProtocol;
using Bastion.Core.Policy;
using Bastion.Mcp.Catalog;
using ModelContextProtocol.Server;

namespace Bastion.Mcp.Tools;

/// <summary>The inventory: which hosts exist, and who each one is.</summary>
[McpServerToolType]
[Toolset("hosts", Scopes.HostsRead)]
public sealed class HostsTools(IInventory inventory, FanOutRunner fanOut)
{
    [McpServerTool(Name = "hosts_list", Title = "List hosts", ReadOnly = true, Destructive = false, Idempotent = true, OpenWorld = false, UseStructuredContent = true)]
    [Description("The hosts Bastion can inspect ('local' is Bastion's own machine) with address, groups and labels, and each group's size. Call it first to learn names for target or preview what a target selects.")]
    public HostList List(
        [Description("Hosts to show, as a target expression.")][StringLength(1000)] string select = "all",
        [Description("Most hosts to return.")][Range(1, 1000)] int limit = 100)
    {
        var hosts = inventory.Hosts;
        var (selected, total, truncated) = Limits.Take(hosts.Count == 0 ? [] : TargetSelector.Resolve(select, hosts, int.MaxValue), limit);
        var groups = hosts.SelectMany(h => h.Groups).GroupBy(g => g, StringComparer.Ordinal)
            .Select(g => new HostGroup(g.Key, g.Count())).OrderBy(g => g.Name, StringComparer.Ordinal).ToList();
        return new HostList(total, selected, truncated, groups, inventory.Notes);
    }

    [McpServerTool(Name = "hosts_describe", Title = "Describe hosts", ReadOnly = true, Destructive = false, Idempotent = true, OpenWorld = false, UseStructuredContent = true)]
    [Description("Describe hosts: hostname, OS release, kernel, architecture, CPU model and count, memory, uptime, boot time, time zone.")]
    public Task<FanOutResult<HostIdentity>> DescribeAsync(
        [Description(ToolText.Target)][StringLength(1000)] string target = "local",
        CallTargets? call = null,
        IProgress<ProgressNotificationValue>? progress = null,
        CancellationToken cancellationToken = default) =>
        fanOut.RunAsync(call, target, IdentityCollector.CollectAsync, McpProgress.ForHosts(progress), cancellationToken);
}
