using System.ComponentModel;
using Bastion.Core.Policy;
using Bastion.Tools;
using ModelContextProtocol;
using ModelContextProtocol.Server;

namespace Bastion.Providers.CloudStack.Vms;

/// <summary>
/// Operations on CloudStack VMs in one tool (scope <c>platform:manage</c>, operator mode): deploy, start, stop, reboot,
/// destroy. Each starts an async job with one POST that is never retried, then by default polls
/// <c>queryAsyncJobResult</c> with progress notifications until the job ends; with <c>wait=false</c> it returns the job
/// id at once. A failed job is a tool error quoting CloudStack's errorcode and errortext.
/// <para>Annotations are those of the most dangerous action: destructive (stop, reboot and destroy interrupt or remove a
/// running machine; deploy spends money and quota and takes addresses from shared pools) and not idempotent (a second
/// deploy makes a second VM). Confirmation is decided per action by <see cref="VmControlRiskAttribute"/>: start, which
/// only brings back what was there, runs without it, as it always did; read-only mode does not serve the tool.</para>
/// </summary>
[McpServerToolType]
[Toolset("cloudstack", Scopes.PlatformManage)]
internal sealed class CloudStackVmControlTools(CloudStackVmOperations operations)
{
    [McpServerTool(Name = "cloudstack_vm_control", Title = "Deploy, start, stop, reboot or destroy a CloudStack VM", ReadOnly = false, Destructive = true, Idempotent = false, OpenWorld = true, UseStructuredContent = true)]
    [Description("Deploy a VM, or start, stop, reboot or destroy one; returns the job and the VM. Each deploy makes a VM: after a timeout read the job, do not repeat.")]
    [VmControlRisk]
    public Task<VmOperation> ControlAsync(
        VmAction action,
        [Description("not deploy: VM id or exact name")] string? vm = null,
        [Description("deploy")] string? zone_id = null,
        [Description("deploy")] string? template_id = null,
        [Description("deploy")] string? service_offering_id = null,
        [Description("deploy: host name")] string? name = null,
        [Description("deploy")] string? display_name = null,
        [Description("deploy: first is default")] string[]? network_ids = null,
        [Description("deploy: SSH key pair name")] string? keypair = null,
        [Description("deploy (default true)")] bool? start_vm = null,
        [Description("stop: even if the hypervisor fails")] bool? forced = null,
        [Description("destroy: remove it and its ROOT disk now")] bool? expunge = null,
        [Description("false: return the job id at once")] bool wait = true,
        IProgress<ProgressNotificationValue>? progress = null,
        CancellationToken cancellationToken = default) =>
        operations.ControlAsync(
            new VmRequest(action, vm, zone_id, template_id, service_offering_id, name, display_name, network_ids, keypair, start_vm, forced, expunge),
            wait,
            progress.AsSteps(),
            cancellationToken);
}
