using System.ComponentModel;
using System.ComponentModel.DataAnnotations;
using Bastion.Core.Policy;
using Bastion.Providers.CloudStack.Api;
using Bastion.Tools;
using ModelContextProtocol.Server;
using Bastion.Providers.CloudStack.Volumes;
using static Bastion.Providers.CloudStack.Api.CloudStackText;

namespace Bastion.Providers.CloudStack.Infrastructure;

/// <summary>
/// What a CloudStack cloud offers and holds, read through its API (scope <c>platform:read</c>): zones, templates,
/// offerings, networks, volumes and snapshots. Every list follows CloudStack's pages up to its limit (at most 1,000 items) and
/// says when it is cut. Errors quote CloudStack's errorcode and errortext.
/// </summary>
[McpServerToolType]
[Toolset("cloudstack", Scopes.PlatformRead)]
internal sealed class CloudStackInfrastructureTools(CloudStackClient client)
{
    [McpServerTool(Name = "cloudstack_zones_list", Title = "List CloudStack zones", ReadOnly = true, Destructive = false, Idempotent = true, OpenWorld = true, UseStructuredContent = true)]
    [Description("CloudStack zones: id, name, networking (Basic/Advanced), allocation state, DNS, local storage, security groups.")]
    public Task<CloudStackList<Zone>> ZonesAsync(
        [Description("Also zones not available to this account for new VMs.")] bool all = false,
        [Description(Keyword)][StringLength(200)] string? keyword = null,
        [Description(Limit)][Range(1, 1000)] int limit = 100,
        CancellationToken cancellationToken = default) =>
        client.ListAsync("listZones", "zone", Filters(("available", all ? "true" : null), ("keyword", keyword)), limit, Zone.From, cancellationToken);

    [McpServerTool(Name = "cloudstack_templates_list", Title = "List CloudStack templates", ReadOnly = true, Destructive = false, Idempotent = true, OpenWorld = true, UseStructuredContent = true)]
    [Description("VM templates: id, name, OS type, zone (one row per zone), size bytes, hypervisor, format, ready/public/featured, password-enabled.")]
    public Task<CloudStackList<Template>> TemplatesAsync(
        [Description("Which templates (CloudStack's templatefilter): executable (all you can deploy from; default), featured, self (yours), selfexecutable, sharedexecutable, community (public, not featured), all (administrators).")][RegularExpression("^(featured|self|selfexecutable|sharedexecutable|executable|community|all)$")] string filter = "executable",
        [Description(ZoneFilter)][RegularExpression(IdPattern)] string? zone_id = null,
        [Description(Keyword)][StringLength(200)] string? keyword = null,
        [Description(Limit)][Range(1, 1000)] int limit = 100,
        CancellationToken cancellationToken = default) =>
        client.ListAsync("listTemplates", "template", Filters(("templatefilter", filter), ("zoneid", zone_id), ("keyword", keyword)), limit, Template.From, cancellationToken);

    [McpServerTool(Name = "cloudstack_offerings_list", Title = "List CloudStack service offerings", ReadOnly = true, Destructive = false, Idempotent = true, OpenWorld = true, UseStructuredContent = true)]
    [Description("Compute offerings: id, name, CPUs, MHz, memory MiB, storage type, HA, custom CPU/memory. With vm_id, only those that VM can change to.")]
    public Task<CloudStackList<ServiceOffering>> OfferingsAsync(
        [Description(ZoneFilter)][RegularExpression(IdPattern)] string? zone_id = null,
        [Description("Only offerings this VM can change to (VM id).")][RegularExpression(IdPattern)] string? vm_id = null,
        [Description(Keyword)][StringLength(200)] string? keyword = null,
        [Description(Limit)][Range(1, 1000)] int limit = 100,
        CancellationToken cancellationToken = default) =>
        client.ListAsync("listServiceOfferings", "serviceoffering", Filters(("zoneid", zone_id), ("virtualmachineid", vm_id), ("keyword", keyword)), limit, ServiceOffering.From, cancellationToken);

    [McpServerTool(Name = "cloudstack_networks_list", Title = "List CloudStack networks", ReadOnly = true, Destructive = false, Idempotent = true, OpenWorld = true, UseStructuredContent = true)]
    [Description("Guest networks: id, name, type (Isolated/Shared/L2), state, CIDR, gateway, zone, default. Advanced zones with several networks need one for cloudstack_vms_deploy.")]
    public Task<CloudStackList<Network>> NetworksAsync(
        [Description(ZoneFilter)][RegularExpression(IdPattern)] string? zone_id = null,
        [Description("Only this type: Isolated, Shared or L2.")][RegularExpression("^(Isolated|Shared|L2)$")] string? type = null,
        [Description(Keyword)][StringLength(200)] string? keyword = null,
        [Description("Also other accounts' networks (administrators; listall).")] bool list_all = false,
        [Description(Limit)][Range(1, 1000)] int limit = 100,
        CancellationToken cancellationToken = default) =>
        client.ListAsync("listNetworks", "network", Filters(("zoneid", zone_id), ("type", type), ("keyword", keyword), ("listall", list_all ? "true" : null)), limit, Network.From, cancellationToken);

    [McpServerTool(Name = "cloudstack_volumes_list", Title = "List CloudStack volumes", ReadOnly = true, Destructive = false, Idempotent = true, OpenWorld = true, UseStructuredContent = true)]
    [Description("Disk volumes: id, name, ROOT or DATADISK, size bytes, state, attached VM, zone, storage pool, created time.")]
    public Task<CloudStackList<Volume>> VolumesAsync(
        [Description("Only volumes of this VM (VM id).")][RegularExpression(IdPattern)] string? vm_id = null,
        [Description("Only ROOT or DATADISK volumes.")][RegularExpression("^(ROOT|DATADISK)$")] string? type = null,
        [Description(ZoneFilter)][RegularExpression(IdPattern)] string? zone_id = null,
        [Description(Keyword)][StringLength(200)] string? keyword = null,
        [Description("Also other accounts' volumes (administrators; listall).")] bool list_all = false,
        [Description(Limit)][Range(1, 1000)] int limit = 100,
        CancellationToken cancellationToken = default) =>
        client.ListAsync("listVolumes", "volume", Filters(("virtualmachineid", vm_id), ("type", type), ("zoneid", zone_id), ("keyword", keyword), ("listall", list_all ? "true" : null)), limit, Volume.From, cancellationToken);

    [McpServerTool(Name = "cloudstack_snapshots_list", Title = "List CloudStack snapshots", ReadOnly = true, Destructive = false, Idempotent = true, OpenWorld = true, UseStructuredContent = true)]
    [Description("Volume snapshots: id, name, state (BackedUp is usable), volume and its type, MANUAL or RECURRING, sizes bytes, zone, time taken.")]
    public Task<CloudStackList<Snapshot>> SnapshotsAsync(
        [Description("Only snapshots of this volume (volume id).")][RegularExpression(IdPattern)] string? volume_id = null,
        [Description("Only MANUAL or RECURRING snapshots.")][RegularExpression("^(MANUAL|RECURRING)$")] string? type = null,
        [Description(ZoneFilter)][RegularExpression(IdPattern)] string? zone_id = null,
        [Description(Keyword)][StringLength(200)] string? keyword = null,
        [Description("Also other accounts' snapshots (administrators; listall).")] bool list_all = false,
        [Description(Limit)][Range(1, 1000)] int limit = 100,
        CancellationToken cancellationToken = default) =>
        client.ListAsync("listSnapshots", "snapshot", Filters(("volumeid", volume_id), ("snapshottype", type), ("zoneid", zone_id), ("keyword", keyword), ("listall", list_all ? "true" : null)), limit, Snapshot.From, cancellationToken);
}
