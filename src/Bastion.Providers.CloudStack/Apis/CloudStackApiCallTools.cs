using System.ComponentModel;
using System.ComponentModel.DataAnnotations;
using System.Text.Json;
using Bastion.Core.Policy;
using Bastion.Tools;
using ModelContextProtocol;
using ModelContextProtocol.Server;

namespace Bastion.Providers.CloudStack.Apis;

/// <summary>
/// Any CloudStack API the credentials may call, called (scope <c>platform:manage</c>). Reads run without confirmation
/// (and are served to a read-only principal holding the scope); changes are confirmed and audited like every destructive
/// tool (see <see cref="ApiCallRiskAttribute"/>).
/// </summary>
[McpServerToolType]
[Toolset("cloudstack", Scopes.PlatformManage)]
internal sealed class CloudStackApiCallTools(CloudStackApiCalls calls)
{
    [McpServerTool(Name = "cloudstack_api_call", Title = "Call a CloudStack API", ReadOnly = false, Destructive = true, Idempotent = false, OpenWorld = true, UseStructuredContent = true)]
    [Description("Call any CloudStack API these credentials may call, with parameters checked against its listApis metadata (unknown API or parameter, missing required one: an error listing what is accepted). APIs named list*, get*, query* or is* are reads and run without confirmation; every other API is a change and needs confirmation. Async APIs are followed to the job's end with progress. Returns CloudStack's answer, arrays cut to 100 items; list APIs get page 1 of 50 unless page/pagesize are given. Prefer the dedicated cloudstack_* tools when one fits.")]
    [ApiCallRisk]
    public Task<ApiCallResult> CallAsync(
        [Description("The API's name as cloudstack_apis gives it, e.g. listVirtualMachines or stopVirtualMachine.")][RegularExpression("^[A-Za-z][A-Za-z0-9]{1,99}$")] string api,
        [Description("Its parameters: an object of names to values, e.g. {\"id\": \"…\", \"forced\": true}. Lists as arrays (or comma-separated), maps as an object or an array of objects. Omit for none.")] JsonElement? @params = null,
        [Description("For an async API: wait for the job to end, with a progress notification per poll (default true). False: return the job id at once and follow it with cloudstack_jobs_show.")] bool wait = true,
        IProgress<ProgressNotificationValue>? progress = null,
        CancellationToken cancellationToken = default) =>
        calls.CallAsync(api, @params, wait, progress.AsSteps(), cancellationToken);
}
