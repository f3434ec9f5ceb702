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
    [Description("List CloudStack zones (listZones): id, name, Basic/Advanced networking, allocation state, DNS, local storage and security groups. Zone ids are what cloudstack_vms_deploy and the zone_id filters take.")]
    public Task<CloudStackList<Zone>> ZonesAsync(
        [Description("True: every zone, including those not available to this account for new VMs (CloudStack's 'available'). Default false.")] bool all = false,
        [Description(Keyword)][StringLength(200)] string? keyword = null,
        [Description(Limit)][Range(1, 1000)] int limit = 100,
        CancellationToken cancellationToken = default) =>
        client.ListAsync("listZones", "zone", Filters(("available", all ? "true" : null), ("keyword", keyword)), limit, Zone.From, cancellationToken);

    [McpServerTool(Name = "cloudstack_templates_list", Title = "List CloudStack templates", ReadOnly = true, Destructive = false, Idempotent = true, OpenWorld = true, UseStructuredContent = true)]
    [Description("List VM templates (listTemplates): id, name, OS type, zone, size in bytes, hypervisor, format, ready/public/featured flags and whether a one-time password is set at deploy. Template ids are what cloudstack_vms_deploy takes. A template present in several zones is listed once per zone.")]
    public Task<CloudStackList<Template>> TemplatesAsync(
        [Description("Which templates (CloudStack's templatefilter): executable (all you can deploy from; default), featured, self (yours), selfexecutable, sharedexecutable, community (public, not featured), all (administrators).")][RegularExpression("^(featured|self|selfexecutable|sharedexecutable|executable|community|all)$")] string filter = "executable",
        [Description(ZoneFilter)][RegularExpression(IdPattern)] string? zone_id = null,
        [Description(Keyword)][StringLength(200)] string? keyword = null,
        [Description(Limit)][Range(1, 1000)] int limit = 100,
        CancellationToken cancellationToken = default) =>
        client.ListAsync("listTemplates", "template", Filters(("templatefilter", filter), ("zoneid", zone_id), ("keyword", keyword)), limit, Template.From, cancellationToken);

    [McpServerTool(Name = "cloudstack_offerings_list", Title = "List CloudStack service offerings", ReadOnly = true, Destructive = false, Idempotent = true, OpenWorld = true, UseStructuredContent = true)]
    [Description("List compute (service) offerings (listServiceOfferings): id, name, virtual CPUs, CPU speed in MHz, memory in MiB, storage type, HA and whether CPU/memory are custom. Offering ids are what cloudstack_vms_deploy's service_offering_id takes. With vm_id, only the offerings that VM can change to.")]
    public Task<CloudStackList<ServiceOffering>> OfferingsAsync(
        [Description(ZoneFilter)][RegularExpression(IdPattern)] string? zone_id = null,
        [Description("Only offerings this VM can change to (VM id). Omit for all.")][RegularExpression(IdPattern)] string? vm_id = null,
        [Description(Keyword)][StringLength(200)] string? keyword = null,
        [Description(Limit)][Range(1, 1000)] int limit = 100,
        CancellationToken cancellationToken = default) =>
        client.ListAsync("listServiceOfferings", "serviceoffering", Filters(("zoneid", zone_id), ("virtualmachineid", vm_id), ("keyword", keyword)), limit, ServiceOffering.From, cancellationToken);

    [McpServerTool(Name = "cloudstack_networks_list", Title = "List CloudStack networks", ReadOnly = true, Destructive = false, Idempotent = true, OpenWorld = true, UseStructuredContent = true)]
    [Description("List guest networks (listNetworks): id, name, type (Isolated/Shared/L2), state, CIDR, gateway, zone and whether it is the default. Network ids are what cloudstack_vms_deploy's network_ids take (needed in Advanced zones with several networks).")]
    public Task<CloudStackList<Network>> NetworksAsync(
        [Description(ZoneFilter)][RegularExpression(IdPattern)] string? zone_id = null,
        [Description("Only this type: Isolated, Shared or L2. Omit for all.")][RegularExpression("^(Isolated|Shared|L2)$")] string? type = null,
        [Description(Keyword)][StringLength(200)] string? keyword = null,
        [Description("Include networks of other accounts the credentials may see (administrators; CloudStack's listall).")] bool list_all = false,
        [Description(Limit)][Range(1, 1000)] int limit = 100,
        CancellationToken cancellationToken = default) =>
        client.ListAsync("listNetworks", "network", Filters(("zoneid", zone_id), ("type", type), ("keyword", keyword), ("listall", list_all ? "true" : null)), limit, Network.From, cancellationToken);

    [McpServerTool(Name = "cloudstack_volumes_list", Title = "List CloudStack volumes", ReadOnly = true, Destructive = false, Idempotent = true, OpenWorld = true, UseStructuredContent = true)]
    [Description("List disk volumes (listVolumes): id, name, ROOT or DATADISK, size in bytes, state, the VM it is attached to, zone, storage pool and creation time. Use vm_id for one VM's disks.")]
    public Task<CloudStackList<Volume>> VolumesAsync(
        [Description("Only volumes of this VM (VM id). Omit for all.")][RegularExpression(IdPattern)] string? vm_id = null,
        [Description("Only ROOT or DATADISK volumes. Omit for both.")][RegularExpression("^(ROOT|DATADISK)$")] string? type = null,
        [Description(ZoneFilter)][RegularExpression(IdPattern)] string? zone_id = null,
        [Description(Keyword)][StringLength(200)] string? keyword = null,
        [Description("Include volumes of other accounts the credentials may see (administrators; CloudStack's listall).")] bool list_all = false,
        [Description(Limit)][Range(1, 1000)] int limit = 100,
        CancellationToken cancellationToken = default) =>
        client.ListAsync("listVolumes", "volume", Filters(("virtualmachineid", vm_id), ("type", type), ("zoneid", zone_id), ("keyword", keyword), ("listall", list_all ? "true" : null)), limit, Volume.From, cancellationToken);

    [McpServerTool(Name = "cloudstack_snapshots_list", Title = "List CloudStack snapshots", ReadOnly = true, Destructive = false, Idempotent = true, OpenWorld = true, UseStructuredContent = true)]
    [Description("List volume snapshots (listSnapshots): id, name, state (BackedUp is usable), the volume and its type, MANUAL or RECURRING, sizes in bytes, zone and time taken. Use volume_id for one volume's snapshots; take one with cloudstack_volumes_change action=snapshot.")]
    public Task<CloudStackList<Snapshot>> SnapshotsAsync(
        [Description("Only snapshots of this volume (volume id). Omit for all.")][RegularExpression(IdPattern)] string? volume_id = null,
        [Description("Only MANUAL or RECURRING snapshots. Omit for both.")][RegularExpression("^(MANUAL|RECURRING)$")] string? type = null,
        [Description(ZoneFilter)][RegularExpression(IdPattern)] string? zone_id = null,
        [Description(Keyword)][StringLength(200)] string? keyword = null,
        [Description("Include snapshots of other accounts the credentials may see (administrators; CloudStack's listall).")] bool list_all = false,
        [Description(Limit)][Range(1, 1000)] int limit = 100,
        CancellationToken cancellationToken = default) =>
        client.ListAsync("listSnapshots", "snapshot", Filters(("volumeid", volume_id), ("snapshottype", type), ("zoneid", zone_id), ("keyword", keyword), ("listall", list_all ? "true" : null)), limit, Snapshot.From, cancellationToken);
}
