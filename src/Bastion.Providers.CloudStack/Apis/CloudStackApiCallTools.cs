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
    [Description("Call any CloudStack API these credentials allow, parameters checked against listApis. list*/get*/query*/is* are reads; others are changes and need confirmation. Async APIs are followed to the end. Arrays cut to 100; lists get page 1 of 50 unless page/pagesize given. Prefer a cloudstack_* tool when one fits.")]
    [ApiCallRisk]
    public Task<ApiCallResult> CallAsync(
        [Description("The API's name as cloudstack_apis gives it, e.g. listVirtualMachines or stopVirtualMachine.")][RegularExpression("^[A-Za-z][A-Za-z0-9]{1,99}$")] string api,
        [Description("Its parameters: an object of names to values, e.g. {\"id\": \"…\", \"forced\": true}. Lists as arrays (or comma-separated), maps as an object or an array of objects. Omit for none.")] JsonElement? @params = null,
        [Description("Async APIs: wait for the job (progress per poll); false returns the job id.")] bool wait = true,
        IProgress<ProgressNotificationValue>? progress = null,
        CancellationToken cancellationToken = default) =>
        calls.CallAsync(api, @params, wait, progress.AsSteps(), cancellationToken);
}
