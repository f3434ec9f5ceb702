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
internal sealed class CloudStackVolumeControlTools(CloudStackVolumeOperations operations)
{
    [McpServerTool(Name = "cloudstack_volume_control", Title = "Attach, detach, resize or snapshot a CloudStack volume", ReadOnly = false, Destructive = true, Idempotent = false, OpenWorld = true, UseStructuredContent = true)]
    [Description("Attach, detach, resize or snapshot a volume; returns the job and the volume or snapshot.")]
    public Task<VolumeOperation> ControlAsync(
        VolumeAction action,
        [Description("volume id")][RegularExpression(IdPattern)] string volume_id,
        [Description("attach: VM id")][RegularExpression(IdPattern)] string? vm_id = null,
        [Description("resize: GiB")][Range(1, 65536)] int? size_gb = null,
        [Description("resize: allow shrinking (loses data past it)")] bool shrink_ok = false,
        [Description("snapshot: its name")][StringLength(255)] string? snapshot_name = null,
        [Description("false: return the job id at once")] bool wait = true,
        IProgress<ProgressNotificationValue>? progress = null,
        CancellationToken cancellationToken = default) =>
        operations.RunAsync(action.ToString().ToLowerInvariant(), volume_id, vm_id, size_gb, shrink_ok, snapshot_name, wait, progress.AsSteps(), cancellationToken);
}
