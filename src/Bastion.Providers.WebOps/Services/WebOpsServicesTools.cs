using System.ComponentModel;
using System.ComponentModel.DataAnnotations;
using Bastion.Core.Policy;
using Bastion.Tools;
using ModelContextProtocol;
using ModelContextProtocol.Server;

namespace Bastion.Providers.WebOps.Services;

/// <summary>Starting, stopping and restarting a deployment's app (operator mode, scope platform:manage, each call confirmed).</summary>
[McpServerToolType]
[Toolset("webops", Scopes.PlatformManage)]
internal sealed class WebOpsServicesTools(WebOpsServiceControl control)
{
    [McpServerTool(Name = "webops_service_action", Title = "Start, stop or restart a WebOps app", ReadOnly = false, Destructive = true, Idempotent = false, OpenWorld = true, UseStructuredContent = true)]
    [Description("Start, stop or restart a WebOps deployment's app. stop and restart are queued by WebOps; by default Bastion waits (with progress) until it sees the effect: the record says stopped, or the process has a new pid or restart count. Returns WebOps's message, the status and process afterwards, and the log entries written meanwhile. WebOps's start only marks the record running (it starts no process); the result's notes say when no process runs, and restart then starts it. WebOps has no scaling: there is no route to change the number of instances, so there is no scale action. Stopping or restarting interrupts the app; asks for confirmation. Sources: WebOps POST /api/deployments/{name}/start|stop|restart/, GET /api/deployments/{name}/, /monitoring/api/service/{id}/status/, /api/deployments/{name}/logs/.")]
    public Task<ServiceActionResult> ActAsync(
        [Description("The deployment's name (see webops_deployments_list).")][StringLength(100)] string name,
        [Description("start, stop or restart.")] ServiceAction action,
        [Description("true: wait until the effect shows. false: return once WebOps has accepted the action.")] bool wait = true,
        [Description("Longest wait, seconds (5-600).")][Range(5, 600)] int timeout_seconds = 120,
        IProgress<ProgressNotificationValue>? progress = null,
        CancellationToken cancellationToken = default) =>
        control.ActAsync(name, action, wait, timeout_seconds, progress.AsSteps(), cancellationToken);
}
