using System.ComponentModel;
using System.ComponentModel.DataAnnotations;
using Bastion.Core.Policy;
using Bastion.Tools;
using Bastion.Providers.CloudStack.Api;
using ModelContextProtocol;
using ModelContextProtocol.Server;
using static Bastion.Providers.CloudStack.Api.CloudStackText;

namespace Bastion.Providers.CloudStack.Vms;

/// <summary>
/// Operations on CloudStack VMs (scope <c>platform:manage</c>, operator mode): deploy, start, stop, reboot, destroy.
/// Each starts an async job with one POST that is never retried, then by default polls <c>queryAsyncJobResult</c> with
/// progress notifications until the job ends; with <c>wait=false</c> it returns the job id at once. A failed job is
/// a tool error quoting CloudStack's errorcode and errortext.
/// <para>Annotations: stop, reboot and destroy interrupt or remove a running machine (destructive). Deploy is marked
/// destructive too, so that it is confirmed: it spends money and quota and takes addresses and capacity from shared pools,
/// and a second call makes a second VM (not idempotent). Start only brings back what was there (not destructive,
/// idempotent).</para>
/// </summary>
[McpServerToolType]
[Toolset("cloudstack", Scopes.PlatformManage)]
internal sealed class CloudStackVmActionsTools(CloudStackVmOperations operations)
{
    private const string Wait = "Wait for the job to end; false returns its id for cloudstack_jobs_show.";

    [McpServerTool(Name = "cloudstack_vms_deploy", Title = "Deploy a CloudStack VM", ReadOnly = false, Destructive = true, Idempotent = false, OpenWorld = true, UseStructuredContent = true)]
    [Description("Create a VM from a template and an offering in a zone (ids from cloudstack_zones_list, _templates_list, _offerings_list, _networks_list); starts it unless start=false. Returns the job and the VM with its address. Each call creates another VM: after a timeout look at the job, do not repeat.")]
    public Task<VmOperation> DeployAsync(
        [Description("Zone to create it in (zone id).")][RegularExpression(IdPattern)] string zone_id,
        [Description("Template to create it from (template id).")][RegularExpression(IdPattern)] string template_id,
        [Description("Compute offering: CPUs and memory (service offering id).")][RegularExpression(IdPattern)] string service_offering_id,
        [Description("Host name of the VM; omit to let CloudStack name it.")][RegularExpression("^[A-Za-z][A-Za-z0-9-]{0,62}$")] string? name = null,
        [Description("Display name; default the name.")][StringLength(255)] string? display_name = null,
        [Description("Networks to attach (network ids), the first one being the default. Omit for the zone's default.")][StringLength(16)] string[]? network_ids = null,
        [Description("Registered SSH key pair to install.")][StringLength(255)] string? keypair = null,
        [Description("Start the VM once created.")] bool start = true,
        [Description(Wait)] bool wait = true,
        IProgress<ProgressNotificationValue>? progress = null,
        CancellationToken cancellationToken = default) =>
        operations.DeployAsync(zone_id, template_id, service_offering_id, name, display_name, network_ids, keypair, start, wait, progress.AsSteps(), cancellationToken);

    [McpServerTool(Name = "cloudstack_vms_start", Title = "Start a CloudStack VM", ReadOnly = false, Destructive = false, Idempotent = true, OpenWorld = true, UseStructuredContent = true)]
    [Description("Start a stopped VM and by default wait until it runs. Returns the job and the VM.")]
    public Task<VmOperation> StartAsync(
        [Description(VmLookup.Parameter)][StringLength(255)] string vm,
        [Description(Wait)] bool wait = true,
        IProgress<ProgressNotificationValue>? progress = null,
        CancellationToken cancellationToken = default) =>
        operations.RunAsync("start", vm, false, wait, progress.AsSteps(), cancellationToken);

    [McpServerTool(Name = "cloudstack_vms_stop", Title = "Stop a CloudStack VM", ReadOnly = false, Destructive = true, Idempotent = true, OpenWorld = true, UseStructuredContent = true)]
    [Description("Stop a running VM (its services go down). forced=true marks it stopped even if the hypervisor does not answer. Returns the job and the VM.")]
    public Task<VmOperation> StopAsync(
        [Description(VmLookup.Parameter)][StringLength(255)] string vm,
        [Description("Mark it stopped even if the hypervisor's stop fails.")] bool forced = false,
        [Description(Wait)] bool wait = true,
        IProgress<ProgressNotificationValue>? progress = null,
        CancellationToken cancellationToken = default) =>
        operations.RunAsync("stop", vm, forced, wait, progress.AsSteps(), cancellationToken);

    [McpServerTool(Name = "cloudstack_vms_reboot", Title = "Reboot a CloudStack VM", ReadOnly = false, Destructive = true, Idempotent = false, OpenWorld = true, UseStructuredContent = true)]
    [Description("Reboot a running VM (its services go down meanwhile). Returns the job and the VM.")]
    public Task<VmOperation> RebootAsync(
        [Description(VmLookup.Parameter)][StringLength(255)] string vm,
        [Description(Wait)] bool wait = true,
        IProgress<ProgressNotificationValue>? progress = null,
        CancellationToken cancellationToken = default) =>
        operations.RunAsync("reboot", vm, false, wait, progress.AsSteps(), cancellationToken);

    [McpServerTool(Name = "cloudstack_vms_destroy", Title = "Destroy a CloudStack VM", ReadOnly = false, Destructive = true, Idempotent = true, OpenWorld = true, UseStructuredContent = true)]
    [Description("Destroy a VM: state Destroyed, recoverable by an administrator until expunged; expunge=true removes it and its ROOT disk at once. Returns the job and the VM.")]
    public Task<VmOperation> DestroyAsync(
        [Description(VmLookup.Parameter)][StringLength(255)] string vm,
        [Description("Remove it and its ROOT disk for good at once.")] bool expunge = false,
        [Description(Wait)] bool wait = true,
        IProgress<ProgressNotificationValue>? progress = null,
        CancellationToken cancellationToken = default) =>
        operations.RunAsync("destroy", vm, expunge, wait, progress.AsSteps(), cancellationToken);
}
