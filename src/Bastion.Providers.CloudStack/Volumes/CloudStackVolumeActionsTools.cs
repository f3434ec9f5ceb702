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
    [Description("Change a volume, waiting for the job: attach (a DATADISK to vm_id), detach, resize (size_gb; shrinking needs shrink_ok=true and can lose data) or snapshot (snapshot_name). Returns the job and the volume or snapshot.")]
    public Task<VolumeOperation> ChangeAsync(
        [Description("attach, detach, resize or snapshot.")][RegularExpression("^(attach|detach|resize|snapshot)$")] string action,
        [Description("The volume (volume id from cloudstack_volumes_list).")][RegularExpression(IdPattern)] string volume_id,
        [Description("For attach: the VM to attach it to (VM id).")][RegularExpression(IdPattern)] string? vm_id = null,
        [Description("For resize: the new size in GiB.")][Range(1, 65536)] int? size_gb = null,
        [Description("For resize: allow a smaller size (CloudStack's shrinkok); data beyond it is lost. Default false.")] bool shrink_ok = false,
        [Description("For snapshot: its name. Omit to let CloudStack name it.")][StringLength(255)] string? snapshot_name = null,
        [Description("Wait for the job to end (progress per poll); false returns the job id for cloudstack_jobs_show.")] bool wait = true,
        IProgress<ProgressNotificationValue>? progress = null,
        CancellationToken cancellationToken = default) =>
        operations.RunAsync(action, volume_id, vm_id, size_gb, shrink_ok, snapshot_name, wait, progress.AsSteps(), cancellationToken);
}
