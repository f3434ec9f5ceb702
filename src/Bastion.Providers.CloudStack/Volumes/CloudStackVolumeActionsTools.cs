using System.ComponentModel;
using System.ComponentModel.DataAnnotations;
using Bastion.Core.Policy;
using Bastion.Tools;
using ModelContextProtocol;
using ModelContextProtocol.Server;
using static Bastion.Providers.CloudStack.Api.CloudStackText;

namespace Bastion.Providers.CloudStack.Volumes;

/// <summary>Changes to CloudStack volumes (scope <c>platform:manage</c>, operator mode): attach, detach, resize, snapshot; each confirmed.</summary>
[McpServerToolType]
[Toolset("cloudstack", Scopes.PlatformManage)]
internal sealed class CloudStackVolumeActionsTools(CloudStackVolumeOperations operations)
{
    [McpServerTool(Name = "cloudstack_volumes_change", Title = "Change a CloudStack volume", ReadOnly = false, Destructive = true, Idempotent = false, OpenWorld = true, UseStructuredContent = true)]
    [Description("Change a disk volume, as an async job followed to its end with progress; needs confirmation. action: attach (a DATADISK to vm_id), detach (a DATADISK from its VM: the guest loses the disk), resize (to size_gb GiB; shrinking needs shrink_ok=true and can destroy data), snapshot (an instant snapshot, optional snapshot_name). Find ids with cloudstack_volumes_list. Returns the job and the volume or snapshot as the job left it.")]
    public Task<VolumeOperation> ChangeAsync(
        [Description("attach, detach, resize or snapshot.")][RegularExpression("^(attach|detach|resize|snapshot)$")] string action,
        [Description("The volume (volume id from cloudstack_volumes_list).")][RegularExpression(IdPattern)] string volume_id,
        [Description("For attach: the VM to attach it to (VM id).")][RegularExpression(IdPattern)] string? vm_id = null,
        [Description("For resize: the new size in GiB.")][Range(1, 65536)] int? size_gb = null,
        [Description("For resize: allow a smaller size (CloudStack's shrinkok); data beyond it is lost. Default false.")] bool shrink_ok = false,
        [Description("For snapshot: its name. Omit to let CloudStack name it.")][StringLength(255)] string? snapshot_name = null,
        [Description("Wait for the job to end, with a progress notification per poll (default true). False: return the job id at once and follow it with cloudstack_jobs_show.")] bool wait = true,
        IProgress<ProgressNotificationValue>? progress = null,
        CancellationToken cancellationToken = default) =>
        operations.RunAsync(action, volume_id, vm_id, size_gb, shrink_ok, snapshot_name, wait, progress.AsSteps(), cancellationToken);
}
