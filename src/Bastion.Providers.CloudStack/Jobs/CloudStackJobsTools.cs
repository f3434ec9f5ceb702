using System.ComponentModel;
using System.ComponentModel.DataAnnotations;
using Bastion.Core.Policy;
using Bastion.Providers.CloudStack.Api;
using Bastion.Tools;
using ModelContextProtocol;
using ModelContextProtocol.Server;
using static Bastion.Providers.CloudStack.Api.CloudStackText;

namespace Bastion.Providers.CloudStack.Jobs;

/// <summary>Where a CloudStack async job stands (scope <c>platform:read</c>).</summary>
[McpServerToolType]
[Toolset("cloudstack", Scopes.PlatformRead)]
internal sealed class CloudStackJobsTools(CloudStackClient client)
{
    [McpServerTool(Name = "cloudstack_jobs_show", Title = "Show a CloudStack async job", ReadOnly = true, Destructive = false, Idempotent = true, OpenWorld = true, UseStructuredContent = true)]
    [Description("Where an async job stands: in_progress, succeeded, failed (errorcode, errortext) or cancelled, and the VM it left. wait=true polls until it ends.")]
    public async Task<JobView> JobAsync(
        [Description("The job id (UUID) a cloudstack_vms_* tool returned.")][RegularExpression(IdPattern)] string job_id,
        [Description("Poll until the job ends instead of looking once. Default false.")] bool wait = false,
        IProgress<ProgressNotificationValue>? progress = null,
        CancellationToken cancellationToken = default) =>
        JobView.From(wait
            ? await client.WaitForJobAsync(job_id, "queried job", progress.AsSteps(), cancellationToken)
            : await client.QueryJobAsync(job_id, cancellationToken));
}
