using System.ComponentModel;
using Bastion.Core.Policy;
using Bastion.Tools;
using ModelContextProtocol;
using ModelContextProtocol.Server;

namespace Bastion.Providers.CloudStack.Reads;

/// <summary>
/// Every CloudStack read but the connection check, in one tool (scope <c>platform:read</c>): what the cloud offers and
/// holds, its VMs and their metrics, its events, alerts and capacity, the APIs the credentials may call, and one async
/// job. <see cref="CloudStackReads"/> checks the arguments per resource and calls the API behind it. Errors quote
/// CloudStack's errorcode and errortext.
/// </summary>
[McpServerToolType]
[Toolset("cloudstack", Scopes.PlatformRead)]
internal sealed class CloudStackListTools(CloudStackReads reads)
{
    [McpServerTool(Name = "cloudstack_list", Title = "Read CloudStack", ReadOnly = true, Destructive = false, Idempotent = true, OpenWorld = true, UseStructuredContent = true)]
    [Description("List a CloudStack resource, or show one VM (vm) or async job (job_id). Arguments apply to the resources named.")]
    public Task<CloudStackListing> ListAsync(
        CloudStackResource resource,
        [Description("VM id or exact name: vms (that VM), vm_metrics, offerings (it can change to), volumes")] string? vm = null,
        [Description("not zones, alerts")] string? zone_id = null,
        [Description("snapshots")] string? volume_id = null,
        [Description("job")] string? job_id = null,
        [Description("name contains (apis: or description)")] string? keyword = null,
        [Description("networks Isolated|Shared|L2, volumes ROOT|DATADISK, snapshots MANUAL|RECURRING, events e.g. VM.CREATE, alerts and capacity a type number")] string? type = null,
        [Description("vms, vm_metrics: e.g. Running")] string? state = null,
        [Description("templates: executable (default)|featured|self|selfexecutable|sharedexecutable|community|all")] string? filter = null,
        [Description("events: INFO|WARN|ERROR")] string? level = null,
        [Description("events: yyyy-MM-dd")] string? start_date = null,
        [Description("events: yyyy-MM-dd")] string? end_date = null,
        [Description("other accounts' too (admins); zones: also unavailable")] bool? list_all = null,
        [Description("capacity: fullest first")] bool? by_usage = null,
        [Description("apis: parameters of every match")] bool? detail = null,
        [Description("job: poll until it ends")] bool? wait = null,
        [Description("default 100 (≤1000); apis 50 (≤200)")] int? limit = null,
        IProgress<ProgressNotificationValue>? progress = null,
        CancellationToken cancellationToken = default) =>
        reads.ReadAsync(
            new CloudStackQuery(resource, vm, zone_id, volume_id, job_id, keyword, type, state, filter, level, start_date, end_date, list_all, by_usage, detail, wait, limit),
            progress.AsSteps(),
            cancellationToken);
}
