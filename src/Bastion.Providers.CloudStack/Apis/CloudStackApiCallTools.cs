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
    [Description("Call any CloudStack API the credentials allow (find them with cloudstack_list resource=apis); list/get/query/is* APIs read, others are confirmed. Async jobs are followed. Prefer another cloudstack_ tool when one fits.")]
    [ApiCallRisk]
    public Task<ApiCallResult> CallAsync(
        [Description("e.g. listVirtualMachines")][StringLength(200)] string api,
        [Description("its parameters as an object, e.g. {\"id\": \"…\"}; lists as arrays. Lists get page 1 of 50 unless page/pagesize given")] JsonElement? @params = null,
        [Description("async APIs, false: return the job id at once")] bool wait = true,
        IProgress<ProgressNotificationValue>? progress = null,
        CancellationToken cancellationToken = default) =>
        calls.CallAsync(api, @params, wait, progress.AsSteps(), cancellationToken);
}
