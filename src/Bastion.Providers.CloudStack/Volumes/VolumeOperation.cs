using System.ComponentModel;
using Bastion.Providers.CloudStack.Infrastructure;

namespace Bastion.Providers.CloudStack.Volumes;

/// <summary>Result of cloudstack_volume_control.</summary>
internal sealed record VolumeOperation(
    [property: Description("attach, detach, resize or snapshot.")] string Action,
    [property: Description("The async job's id.")] string JobId,
    [property: Description("in_progress (wait=false), succeeded, failed or cancelled.")] string Status,
    [property: Description("The volume as the job left it; null while in progress and for a snapshot.")] Volume? Volume,
    [property: Description("The snapshot the job took; null for other actions and while in progress.")] Snapshot? Snapshot,
    [property: Description("What to do next; null when nothing.")] string? Note);
