using System.ComponentModel;
using System.ComponentModel.DataAnnotations;
using Bastion.Core.Policy;
using Bastion.Providers.CloudStack.Api;
using Bastion.Tools;
using ModelContextProtocol.Server;
using static Bastion.Providers.CloudStack.Api.CloudStackText;

namespace Bastion.Providers.CloudStack.Vms;

/// <summary>CloudStack's virtual machines, read (scope <c>platform:read</c>): the list, one VM, and their metrics.</summary>
[McpServerToolType]
[Toolset("cloudstack", Scopes.PlatformRead)]
internal sealed class CloudStackVmsTools(CloudStackClient client)
{
    [McpServerTool(Name = "cloudstack_vms_list", Title = "List CloudStack VMs", ReadOnly = true, Destructive = false, Idempotent = true, OpenWorld = true, UseStructuredContent = true)]
    [Description("Virtual machines: id, name, state, zone, template, offering, CPUs, memory MiB, account, created time, IP and NICs. They are also hosts in hosts_list (backend=cloudstack).")]
    public Task<CloudStackList<VirtualMachine>> VmsAsync(
        [Description("Only VMs in this state: Running, Stopped, Starting, Stopping, Destroyed, Error…")][RegularExpression("^[A-Za-z]{1,32}$")] string? state = null,
        [Description(ZoneFilter)][RegularExpression(IdPattern)] string? zone_id = null,
        [Description(Keyword)][StringLength(200)] string? keyword = null,
        [Description("Also other accounts' VMs (administrators; listall).")] bool list_all = false,
        [Description(Limit)][Range(1, 1000)] int limit = 100,
        CancellationToken cancellationToken = default) =>
        client.ListAsync("listVirtualMachines", "virtualmachine", Filters(("state", state), ("zoneid", zone_id), ("keyword", keyword), ("listall", list_all ? "true" : null)), limit, VirtualMachine.From, cancellationToken);

    [McpServerTool(Name = "cloudstack_vms_show", Title = "Show a CloudStack VM", ReadOnly = true, Destructive = false, Idempotent = true, OpenWorld = true, UseStructuredContent = true)]
    [Description("One virtual machine by id or exact name: state, zone, template, offering, CPUs, memory MiB, NICs with addresses.")]
    public Task<VirtualMachine> VmAsync(
        [Description(VmLookup.Parameter)][StringLength(255)] string vm,
        CancellationToken cancellationToken = default) =>
        VmLookup.FindAsync(client, vm, cancellationToken);

    [McpServerTool(Name = "cloudstack_vms_metrics", Title = "CloudStack VM metrics", ReadOnly = true, Destructive = false, Idempotent = true, OpenWorld = true, UseStructuredContent = true)]
    [Description("Current VM metrics from CloudStack's last stats run: CPU percent, memory total/free bytes and percent, network and disk KiB, disk ops. For history use metrics_history on the VM's host.")]
    public async Task<CloudStackList<VmMetrics>> MetricsAsync(
        [Description("One VM by id or exact name.")][StringLength(255)] string? vm = null,
        [Description("Only VMs in this state, e.g. Running.")][RegularExpression("^[A-Za-z]{1,32}$")] string? state = null,
        [Description(ZoneFilter)][RegularExpression(IdPattern)] string? zone_id = null,
        [Description(Limit)][Range(1, 1000)] int limit = 100,
        CancellationToken cancellationToken = default)
    {
        var id = vm is null ? null : (await VmLookup.FindAsync(client, vm, cancellationToken)).Id;
        return await client.ListAsync("listVirtualMachinesMetrics", "virtualmachine", Filters(("id", id), ("state", state), ("zoneid", zone_id)), limit, VmMetrics.From, cancellationToken);
    }
}
