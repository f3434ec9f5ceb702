using System.ComponentModel;
using System.ComponentModel.DataAnnotations;
using System.Diagnostics;
using System.Globalization;
using Bastion.Core.Policy;
using Bastion.Tools;
using Bastion.Providers.CloudStack.Api;
using Bastion.Providers.CloudStack.Resources;
using ModelContextProtocol;
using ModelContextProtocol.Server;

namespace Bastion.Providers.CloudStack.Tools;

/// <summary>
/// What a CloudStack cloud holds, read through its API (scope <c>platform:read</c>): zones, templates, offerings,
/// networks, volumes, VMs, async jobs, events, alerts and capacity. Every list follows CloudStack's pages up to its
/// limit (at most 1,000 items) and says when it is cut. Errors quote CloudStack's errorcode and errortext.
/// </summary>
[McpServerToolType]
[Toolset("cloudstack", Scopes.PlatformRead)]
internal sealed class CloudStackReadTools(CloudStackClient client)
{
    private const string Limit = "Most items to return (1-1000); CloudStack's pages are followed up to it.";
    private const string Keyword = "Only items whose name matches this text (CloudStack's keyword filter). Omit for all.";
    private const string ZoneFilter = "Only this zone (zone id from cloudstack_zones_list). Omit for all.";
    private const string IdPattern = "^[A-Za-z0-9-]{1,64}$";

    [McpServerTool(Name = "cloudstack_status", Title = "CloudStack connection status", ReadOnly = true, Destructive = false, Idempotent = true, OpenWorld = true, UseStructuredContent = true)]
    [Description("Check Bastion's connection to CloudStack: whether credentials are stored, how calls authenticate (api_key or session), whether a call (listZones) succeeds and how long it took, and whether VMs are mapped to SSH hosts. Never shows a key, password or session. Use it first when other cloudstack_* tools fail, or to learn which vault values to set.")]
    public async Task<CloudStackStatus> StatusAsync(CancellationToken cancellationToken = default)
    {
        CloudStackSettings settings;
        try
        {
            settings = client.Settings;
        }
        catch (PlatformException e)
        {
            return new CloudStackStatus(false, null, false, null, null, false, e.Message);
        }

        var mode = settings.Mode == CloudStackAuthMode.ApiKey ? "api_key" : "session";
        var started = Stopwatch.GetTimestamp();
        try
        {
            var zones = await client.ListAsync("listZones", "zone", new Dictionary<string, string?>(), 1, Zone.From, cancellationToken);
            return new CloudStackStatus(true, mode, true, Math.Round(Stopwatch.GetElapsedTime(started).TotalMilliseconds, 1), zones.Total, settings.SshUser is not null, null);
        }
        catch (PlatformException e)
        {
            return new CloudStackStatus(true, mode, false, Math.Round(Stopwatch.GetElapsedTime(started).TotalMilliseconds, 1), null, settings.SshUser is not null, e.Message);
        }
    }

    [McpServerTool(Name = "cloudstack_zones_list", Title = "List CloudStack zones", ReadOnly = true, Destructive = false, Idempotent = true, OpenWorld = true, UseStructuredContent = true)]
    [Description("List CloudStack zones (listZones): id, name, Basic/Advanced networking, allocation state, DNS, local storage and security groups. Zone ids are what cloudstack_vms_deploy and the zone_id filters take.")]
    public Task<CloudStackList<Zone>> ZonesAsync(
        [Description("True: every zone, including those not available to this account for new VMs (CloudStack's 'available'). Default false.")] bool all = false,
        [Description(Keyword)][MaxLength(200)] string? keyword = null,
        [Description(Limit)][Range(1, 1000)] int limit = 100,
        CancellationToken cancellationToken = default) =>
        client.ListAsync("listZones", "zone", Filters(("available", all ? "true" : null), ("keyword", keyword)), limit, Zone.From, cancellationToken);

    [McpServerTool(Name = "cloudstack_templates_list", Title = "List CloudStack templates", ReadOnly = true, Destructive = false, Idempotent = true, OpenWorld = true, UseStructuredContent = true)]
    [Description("List VM templates (listTemplates): id, name, OS type, zone, size in bytes, hypervisor, format, ready/public/featured flags and whether a one-time password is set at deploy. Template ids are what cloudstack_vms_deploy takes. A template present in several zones is listed once per zone.")]
    public Task<CloudStackList<Template>> TemplatesAsync(
        [Description("Which templates (CloudStack's templatefilter): executable (all you can deploy from; default), featured, self (yours), selfexecutable, sharedexecutable, community (public, not featured), all (administrators).")][RegularExpression("^(featured|self|selfexecutable|sharedexecutable|executable|community|all)$")] string filter = "executable",
        [Description(ZoneFilter)][RegularExpression(IdPattern)] string? zone_id = null,
        [Description(Keyword)][MaxLength(200)] string? keyword = null,
        [Description(Limit)][Range(1, 1000)] int limit = 100,
        CancellationToken cancellationToken = default) =>
        client.ListAsync("listTemplates", "template", Filters(("templatefilter", filter), ("zoneid", zone_id), ("keyword", keyword)), limit, Template.From, cancellationToken);

    [McpServerTool(Name = "cloudstack_offerings_list", Title = "List CloudStack service offerings", ReadOnly = true, Destructive = false, Idempotent = true, OpenWorld = true, UseStructuredContent = true)]
    [Description("List compute (service) offerings (listServiceOfferings): id, name, virtual CPUs, CPU speed in MHz, memory in MiB, storage type, HA and whether CPU/memory are custom. Offering ids are what cloudstack_vms_deploy's service_offering_id takes. With vm_id, only the offerings that VM can change to.")]
    public Task<CloudStackList<ServiceOffering>> OfferingsAsync(
        [Description(ZoneFilter)][RegularExpression(IdPattern)] string? zone_id = null,
        [Description("Only offerings this VM can change to (VM id). Omit for all.")][RegularExpression(IdPattern)] string? vm_id = null,
        [Description(Keyword)][MaxLength(200)] string? keyword = null,
        [Description(Limit)][Range(1, 1000)] int limit = 100,
        CancellationToken cancellationToken = default) =>
        client.ListAsync("listServiceOfferings", "serviceoffering", Filters(("zoneid", zone_id), ("virtualmachineid", vm_id), ("keyword", keyword)), limit, ServiceOffering.From, cancellationToken);

    [McpServerTool(Name = "cloudstack_networks_list", Title = "List CloudStack networks", ReadOnly = true, Destructive = false, Idempotent = true, OpenWorld = true, UseStructuredContent = true)]
    [Description("List guest networks (listNetworks): id, name, type (Isolated/Shared/L2), state, CIDR, gateway, zone and whether it is the default. Network ids are what cloudstack_vms_deploy's network_ids take (needed in Advanced zones with several networks).")]
    public Task<CloudStackList<Network>> NetworksAsync(
        [Description(ZoneFilter)][RegularExpression(IdPattern)] string? zone_id = null,
        [Description("Only this type: Isolated, Shared or L2. Omit for all.")][RegularExpression("^(Isolated|Shared|L2)$")] string? type = null,
        [Description(Keyword)][MaxLength(200)] string? keyword = null,
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
        [Description(Keyword)][MaxLength(200)] string? keyword = null,
        [Description("Include volumes of other accounts the credentials may see (administrators; CloudStack's listall).")] bool list_all = false,
        [Description(Limit)][Range(1, 1000)] int limit = 100,
        CancellationToken cancellationToken = default) =>
        client.ListAsync("listVolumes", "volume", Filters(("virtualmachineid", vm_id), ("type", type), ("zoneid", zone_id), ("keyword", keyword), ("listall", list_all ? "true" : null)), limit, Volume.From, cancellationToken);

    [McpServerTool(Name = "cloudstack_vms_list", Title = "List CloudStack VMs", ReadOnly = true, Destructive = false, Idempotent = true, OpenWorld = true, UseStructuredContent = true)]
    [Description("List virtual machines (listVirtualMachines): id, name, state, zone, template, service offering, CPUs, memory in MiB, account, creation time, default IP and NICs. The same VMs appear in hosts_list as hosts labelled backend=cloudstack. Filter by state (e.g. Running, Stopped), zone or keyword.")]
    public Task<CloudStackList<VirtualMachine>> VmsAsync(
        [Description("Only VMs in this state: Running, Stopped, Starting, Stopping, Destroyed, Error… Omit for all.")][RegularExpression("^[A-Za-z]{1,32}$")] string? state = null,
        [Description(ZoneFilter)][RegularExpression(IdPattern)] string? zone_id = null,
        [Description(Keyword)][MaxLength(200)] string? keyword = null,
        [Description("Include VMs of other accounts the credentials may see (administrators; CloudStack's listall).")] bool list_all = false,
        [Description(Limit)][Range(1, 1000)] int limit = 100,
        CancellationToken cancellationToken = default) =>
        client.ListAsync("listVirtualMachines", "virtualmachine", Filters(("state", state), ("zoneid", zone_id), ("keyword", keyword), ("listall", list_all ? "true" : null)), limit, VirtualMachine.From, cancellationToken);

    [McpServerTool(Name = "cloudstack_vms_show", Title = "Show a CloudStack VM", ReadOnly = true, Destructive = false, Idempotent = true, OpenWorld = true, UseStructuredContent = true)]
    [Description("Show one virtual machine by id or exact name: state, zone, template, offering, CPUs, memory in MiB, NICs with addresses. Errors say when no VM or several VMs match.")]
    public Task<VirtualMachine> VmAsync(
        [Description(VmLookup.Parameter)][MaxLength(255)] string vm,
        CancellationToken cancellationToken = default) =>
        VmLookup.FindAsync(client, vm, cancellationToken);

    [McpServerTool(Name = "cloudstack_jobs_show", Title = "Show a CloudStack async job", ReadOnly = true, Destructive = false, Idempotent = true, OpenWorld = true, UseStructuredContent = true)]
    [Description("Show where an async job stands (queryAsyncJobResult): in_progress, succeeded, failed (with CloudStack's errorcode and errortext) or cancelled, and the VM it left behind. Use it for a job id that cloudstack_vms_* returned with wait=false or after its wait ran out. With wait=true, polls until the job ends (progress notifications on each poll).")]
    public async Task<JobView> JobAsync(
        [Description("The job id (UUID) a cloudstack_vms_* tool returned.")][RegularExpression(IdPattern)] string job_id,
        [Description("Poll until the job ends instead of looking once. Default false.")] bool wait = false,
        IProgress<ProgressNotificationValue>? progress = null,
        CancellationToken cancellationToken = default) =>
        JobView.From(wait
            ? await client.WaitForJobAsync(job_id, "queried job", progress.AsSteps(), cancellationToken)
            : await client.QueryJobAsync(job_id, cancellationToken));

    [McpServerTool(Name = "cloudstack_events_list", Title = "List CloudStack events", ReadOnly = true, Destructive = false, Idempotent = true, OpenWorld = true, UseStructuredContent = true)]
    [Description("List CloudStack's event log (listEvents), newest first as CloudStack orders it: type (e.g. VM.CREATE, VM.STOP), level, description, state, time, user and account. Use it to see who did what to which resource, or why an operation failed.")]
    public Task<CloudStackList<CloudStackEvent>> EventsAsync(
        [Description("Only this event type, e.g. VM.CREATE, VM.DESTROY, VOLUME.CREATE. Omit for all.")][RegularExpression("^[A-Za-z0-9._]{1,64}$")] string? type = null,
        [Description("Only this level: INFO, WARN or ERROR. Omit for all.")][RegularExpression("^(INFO|WARN|ERROR)$")] string? level = null,
        [Description("Only events on or after this date, yyyy-MM-dd (CloudStack's startdate).")][RegularExpression("^[0-9]{4}-[0-9]{2}-[0-9]{2}$")] string? start_date = null,
        [Description("Only events on or before this date, yyyy-MM-dd (CloudStack's enddate).")][RegularExpression("^[0-9]{4}-[0-9]{2}-[0-9]{2}$")] string? end_date = null,
        [Description(Keyword)][MaxLength(200)] string? keyword = null,
        [Description("Include events of other accounts the credentials may see (administrators; CloudStack's listall).")] bool list_all = false,
        [Description(Limit)][Range(1, 1000)] int limit = 100,
        CancellationToken cancellationToken = default) =>
        client.ListAsync("listEvents", "event", Filters(("type", type), ("level", level), ("startdate", start_date), ("enddate", end_date), ("keyword", keyword), ("listall", list_all ? "true" : null)), limit, CloudStackEvent.From, cancellationToken);

    [McpServerTool(Name = "cloudstack_alerts_list", Title = "List CloudStack alerts", ReadOnly = true, Destructive = false, Idempotent = true, OpenWorld = true, UseStructuredContent = true)]
    [Description("List system alerts (listAlerts; administrators only): type code, name, description and when it was sent, e.g. low memory or storage capacity in a zone, a host down. Ordinary accounts get CloudStack's permission error.")]
    public Task<CloudStackList<Alert>> AlertsAsync(
        [Description("Only this numeric alert type. Omit for all.")][Range(0, 1000)] int? type = null,
        [Description(Keyword)][MaxLength(200)] string? keyword = null,
        [Description(Limit)][Range(1, 1000)] int limit = 100,
        CancellationToken cancellationToken = default) =>
        client.ListAsync("listAlerts", "alert", Filters(("type", type?.ToString(CultureInfo.InvariantCulture)), ("keyword", keyword)), limit, Alert.From, cancellationToken);

    [McpServerTool(Name = "cloudstack_capacity_list", Title = "List CloudStack capacity", ReadOnly = true, Destructive = false, Idempotent = true, OpenWorld = true, UseStructuredContent = true)]
    [Description("List capacity per zone (listCapacity; root administrators only): for memory, CPU, storage, IPs and VLANs the total, the used or allocated amount (unit: bytes, mhz or count) and percent used (0-100). Use it to see whether a zone can take more VMs before deploying.")]
    public Task<CloudStackList<Capacity>> CapacityAsync(
        [Description(ZoneFilter)][RegularExpression(IdPattern)] string? zone_id = null,
        [Description("Only this capacity type: 0 memory, 1 CPU, 2 primary storage, 3 storage allocated, 4 public IPs, 5 private IPs, 6 secondary storage, 7 VLANs, 8 direct-attached public IPs, 9 local storage.")][Range(0, 99)] int? type = null,
        [Description("Fullest first (CloudStack's sortby=usage). Default false.")] bool by_usage = false,
        [Description(Limit)][Range(1, 1000)] int limit = 100,
        CancellationToken cancellationToken = default) =>
        client.ListAsync("listCapacity", "capacity", Filters(("zoneid", zone_id), ("type", type?.ToString(CultureInfo.InvariantCulture)), ("sortby", by_usage ? "usage" : null)), limit, Capacity.From, cancellationToken);

    private static Dictionary<string, string?> Filters(params (string Name, string? Value)[] filters) =>
        filters.Where(f => !string.IsNullOrEmpty(f.Value)).ToDictionary(f => f.Name, f => f.Value, StringComparer.Ordinal);
}
