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
    [Description("List virtual machines (listVirtualMachines): id, name, state, zone, template, service offering, CPUs, memory in MiB, account, creation time, default IP and NICs. The same VMs appear in hosts_list as hosts labelled backend=cloudstack. Filter by state (e.g. Running, Stopped), zone or keyword.")]
    public Task<CloudStackList<VirtualMachine>> VmsAsync(
        [Description("Only VMs in this state: Running, Stopped, Starting, Stopping, Destroyed, Error… Omit for all.")][RegularExpression("^[A-Za-z]{1,32}$")] string? state = null,
        [Description(ZoneFilter)][RegularExpression(IdPattern)] string? zone_id = null,
        [Description(Keyword)][StringLength(200)] string? keyword = null,
        [Description("Include VMs of other accounts the credentials may see (administrators; CloudStack's listall).")] bool list_all = false,
        [Description(Limit)][Range(1, 1000)] int limit = 100,
        CancellationToken cancellationToken = default) =>
        client.ListAsync("listVirtualMachines", "virtualmachine", Filters(("state", state), ("zoneid", zone_id), ("keyword", keyword), ("listall", list_all ? "true" : null)), limit, VirtualMachine.From, cancellationToken);

    [McpServerTool(Name = "cloudstack_vms_show", Title = "Show a CloudStack VM", ReadOnly = true, Destructive = false, Idempotent = true, OpenWorld = true, UseStructuredContent = true)]
    [Description("Show one virtual machine by id or exact name: state, zone, template, offering, CPUs, memory in MiB, NICs with addresses. Errors say when no VM or several VMs match.")]
    public Task<VirtualMachine> VmAsync(
        [Description(VmLookup.Parameter)][StringLength(255)] string vm,
        CancellationToken cancellationToken = default) =>
        VmLookup.FindAsync(client, vm, cancellationToken);

    [McpServerTool(Name = "cloudstack_vms_metrics", Title = "CloudStack VM metrics", ReadOnly = true, Destructive = false, Idempotent = true, OpenWorld = true, UseStructuredContent = true)]
    [Description("Current metrics of VMs (listVirtualMachinesMetrics, CloudStack's last stats collection): CPU used percent, memory total/free bytes and used percent, network and disk KiB and disk operations. Filter by vm (id or exact name), state or zone. For history over time use metrics_history on the VM's host.")]
    public async Task<CloudStackList<VmMetrics>> MetricsAsync(
        [Description("One VM by id or exact name. Omit for all.")][StringLength(255)] string? vm = null,
        [Description("Only VMs in this state, e.g. Running. Omit for all.")][RegularExpression("^[A-Za-z]{1,32}$")] string? state = null,
        [Description(ZoneFilter)][RegularExpression(IdPattern)] string? zone_id = null,
        [Description(Limit)][Range(1, 1000)] int limit = 100,
        CancellationToken cancellationToken = default)
    {
        var id = vm is null ? null : (await VmLookup.FindAsync(client, vm, cancellationToken)).Id;
        return await client.ListAsync("listVirtualMachinesMetrics", "virtualmachine", Filters(("id", id), ("state", state), ("zoneid", zone_id)), limit, VmMetrics.From, cancellationToken);
    }
}
