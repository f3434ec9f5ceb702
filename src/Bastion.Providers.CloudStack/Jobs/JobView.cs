using System.ComponentModel;
using Bastion.Providers.CloudStack.Api;
using Bastion.Providers.CloudStack.Vms;

namespace Bastion.Providers.CloudStack.Jobs;

/// <summary>Where an async job stands (<c>queryAsyncJobResult</c>).</summary>
internal sealed record JobView(
    [property: Description("Job id (UUID).")] string JobId,
    [property: Description("in_progress, succeeded, failed or cancelled.")] string Status,
    [property: Description("CloudStack's jobstatus: 0 in progress, 1 succeeded, 2 failed, 3 cancelled.")] int StatusCode,
    [property: Description("The command class the job runs (CloudStack 'cmd').")] string? Command,
    [property: Description("What the job acts on, e.g. VirtualMachine.")] string? InstanceType,
    [property: Description("Id of what it acts on.")] string? InstanceId,
    [property: Description("When the job was created (UTC).")] DateTimeOffset? Created,
    [property: Description("When it finished (UTC); null while in progress.")] DateTimeOffset? Completed,
    [property: Description("For a failed job: CloudStack's errorcode and errortext; otherwise null.")] string? Error,
    [property: Description("The VM the job left behind, when its result is a VM; otherwise null.")] VirtualMachine? VirtualMachine)
{
    public static JobView From(AsyncJob job) => new(
        job.JobId,
        job.StatusName,
        job.Status,
        job.Command,
        job.InstanceType,
        job.InstanceId,
        job.Created,
        job.Completed,
        job.Error,
        job.Status == 1 && job.Result is { } r && r.Object("virtualmachine") is { } vm ? VirtualMachine.From(vm) : null);
}
