using System.ComponentModel;
using System.Text.Json.Serialization;
using Bastion.Providers.CloudStack.Apis;
using Bastion.Providers.CloudStack.Infrastructure;
using Bastion.Providers.CloudStack.Jobs;
using Bastion.Providers.CloudStack.Monitoring;
using Bastion.Providers.CloudStack.Vms;
using Bastion.Providers.CloudStack.Volumes;

namespace Bastion.Providers.CloudStack.Reads;

/// <summary>
/// Result of cloudstack_list: the counts every listing has, and the items under the resource's own name (only that one
/// property is present). Lists follow CloudStack's pages up to limit (at most 1,000 items) and say when they are cut.
/// </summary>
internal sealed record CloudStackListing(
    [property: Description("The resource read, as the call named it (zones, templates, …, job).")] string Resource,
    [property: Description("How many items match: CloudStack's count (for apis, the matching APIs); may be more than returned. 1 for a job.")] int Total,
    [property: Description("True when fewer items are returned than match.")] bool Truncated,
    [property: Description("Why the list is cut and how to see more, or how to narrow it; null when nothing to add.")] string? Note)
{
    private const string Omit = "Present only for this resource.";

    /// <summary>Zones (listZones).</summary>
    [Description("resource=zones: the zones. " + Omit)]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public IReadOnlyList<Zone>? Zones { get; init; }

    /// <summary>Templates (listTemplates), one row per zone.</summary>
    [Description("resource=templates: the templates, one row per zone. " + Omit)]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public IReadOnlyList<Template>? Templates { get; init; }

    /// <summary>Compute offerings (listServiceOfferings).</summary>
    [Description("resource=offerings: the compute offerings. " + Omit)]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public IReadOnlyList<ServiceOffering>? Offerings { get; init; }

    /// <summary>Guest networks (listNetworks).</summary>
    [Description("resource=networks: the guest networks. " + Omit)]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public IReadOnlyList<Network>? Networks { get; init; }

    /// <summary>Virtual machines (listVirtualMachines).</summary>
    [Description("resource=vms: the virtual machines (one when vm was given). They are also hosts in hosts_list (backend=cloudstack). " + Omit)]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public IReadOnlyList<VirtualMachine>? Vms { get; init; }

    /// <summary>VM metrics (listVirtualMachinesMetrics).</summary>
    [Description("resource=vm_metrics: current metrics from CloudStack's last stats run. For history use metrics_history on the VM's host. " + Omit)]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public IReadOnlyList<VmMetrics>? VmMetrics { get; init; }

    /// <summary>Disk volumes (listVolumes).</summary>
    [Description("resource=volumes: the disk volumes. " + Omit)]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public IReadOnlyList<Volume>? Volumes { get; init; }

    /// <summary>Volume snapshots (listSnapshots).</summary>
    [Description("resource=snapshots: the volume snapshots (state BackedUp is usable). " + Omit)]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public IReadOnlyList<Snapshot>? Snapshots { get; init; }

    /// <summary>Events (listEvents), newest first.</summary>
    [Description("resource=events: CloudStack's event log, newest first: who did what, or why an operation failed. " + Omit)]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public IReadOnlyList<CloudStackEvent>? Events { get; init; }

    /// <summary>System alerts (listAlerts).</summary>
    [Description("resource=alerts: system alerts, e.g. low capacity or a host down (administrators only). " + Omit)]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public IReadOnlyList<Alert>? Alerts { get; init; }

    /// <summary>Capacity figures (listCapacity).</summary>
    [Description("resource=capacity: capacity per zone (root administrators only). " + Omit)]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public IReadOnlyList<Capacity>? Capacity { get; init; }

    /// <summary>The APIs the credentials may call (listApis), with how many there are in all.</summary>
    [Description("resource=apis: the matching APIs, by name; params are given only when detail is true or one API matches. " + Omit)]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public IReadOnlyList<ApiInfo>? Apis { get; init; }

    /// <summary>How many APIs the credentials may call in all.</summary>
    [Description("resource=apis: how many APIs the credentials may call in all (listApis). " + Omit)]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public int? ApisAvailable { get; init; }

    /// <summary>Where an async job stands (queryAsyncJobResult).</summary>
    [Description("resource=job: where the async job stands. " + Omit)]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public JobView? Job { get; init; }
}
