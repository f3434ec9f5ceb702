using System.ComponentModel;
using System.ComponentModel.DataAnnotations;
using System.Globalization;
using Bastion.Core.Policy;
using Bastion.Providers.CloudStack.Api;
using Bastion.Tools;
using ModelContextProtocol.Server;
using static Bastion.Providers.CloudStack.Api.CloudStackText;

namespace Bastion.Providers.CloudStack.Monitoring;

/// <summary>What CloudStack reports about itself (scope <c>platform:read</c>): its event log, system alerts and capacity per zone.</summary>
[McpServerToolType]
[Toolset("cloudstack", Scopes.PlatformRead)]
internal sealed class CloudStackMonitoringTools(CloudStackClient client)
{
    [McpServerTool(Name = "cloudstack_events_list", Title = "List CloudStack events", ReadOnly = true, Destructive = false, Idempotent = true, OpenWorld = true, UseStructuredContent = true)]
    [Description("CloudStack's event log, newest first: type (VM.CREATE…), level, description, state, time, user, account. Who did what, or why an operation failed.")]
    public Task<CloudStackList<CloudStackEvent>> EventsAsync(
        [Description("Only this event type, e.g. VM.CREATE, VM.DESTROY, VOLUME.CREATE.")][RegularExpression("^[A-Za-z0-9._]{1,64}$")] string? type = null,
        [Description("Only this level: INFO, WARN or ERROR.")][RegularExpression("^(INFO|WARN|ERROR)$")] string? level = null,
        [Description("Only events on or after this date, yyyy-MM-dd (CloudStack's startdate).")][RegularExpression("^[0-9]{4}-[0-9]{2}-[0-9]{2}$")] string? start_date = null,
        [Description("Only events on or before this date, yyyy-MM-dd (CloudStack's enddate).")][RegularExpression("^[0-9]{4}-[0-9]{2}-[0-9]{2}$")] string? end_date = null,
        [Description(Keyword)][StringLength(200)] string? keyword = null,
        [Description("Also other accounts' events (administrators; listall).")] bool list_all = false,
        [Description(Limit)][Range(1, 1000)] int limit = 100,
        CancellationToken cancellationToken = default) =>
        client.ListAsync("listEvents", "event", Filters(("type", type), ("level", level), ("startdate", start_date), ("enddate", end_date), ("keyword", keyword), ("listall", list_all ? "true" : null)), limit, CloudStackEvent.From, cancellationToken);

    [McpServerTool(Name = "cloudstack_alerts_list", Title = "List CloudStack alerts", ReadOnly = true, Destructive = false, Idempotent = true, OpenWorld = true, UseStructuredContent = true)]
    [Description("CloudStack system alerts (administrators only): type, name, description, sent time, e.g. low capacity or a host down.")]
    public Task<CloudStackList<Alert>> AlertsAsync(
        [Description("Only this numeric alert type.")][Range(0, 1000)] int? type = null,
        [Description(Keyword)][StringLength(200)] string? keyword = null,
        [Description(Limit)][Range(1, 1000)] int limit = 100,
        CancellationToken cancellationToken = default) =>
        client.ListAsync("listAlerts", "alert", Filters(("type", type?.ToString(CultureInfo.InvariantCulture)), ("keyword", keyword)), limit, Alert.From, cancellationToken);

    [McpServerTool(Name = "cloudstack_capacity_list", Title = "List CloudStack capacity", ReadOnly = true, Destructive = false, Idempotent = true, OpenWorld = true, UseStructuredContent = true)]
    [Description("Capacity per zone (root administrators only): for memory, CPU, storage, IPs and VLANs the total, used amount (bytes, mhz or count) and percent used.")]
    public Task<CloudStackList<Capacity>> CapacityAsync(
        [Description(ZoneFilter)][RegularExpression(IdPattern)] string? zone_id = null,
        [Description("Only this capacity type: 0 memory, 1 CPU, 2 primary storage, 3 storage allocated, 4 public IPs, 5 private IPs, 6 secondary storage, 7 VLANs, 8 direct-attached public IPs, 9 local storage.")][Range(0, 99)] int? type = null,
        [Description("Fullest first (CloudStack's sortby=usage). Default false.")] bool by_usage = false,
        [Description(Limit)][Range(1, 1000)] int limit = 100,
        CancellationToken cancellationToken = default) =>
        client.ListAsync("listCapacity", "capacity", Filters(("zoneid", zone_id), ("type", type?.ToString(CultureInfo.InvariantCulture)), ("sortby", by_usage ? "usage" : null)), limit, Capacity.From, cancellationToken);
}
