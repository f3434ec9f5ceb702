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
    [Description("Start, stop or restart a deployment's app, by default waiting for the effect; returns the message, status, process and new log entries. WebOps's start only marks the record running; notes say when no process runs (restart starts it). WebOps has no scaling. Source: WebOps POST /api/deployments/{name}/start|stop|restart/.")]
    public Task<ServiceActionResult> ActAsync(
        [Description("Deployment name.")][StringLength(100)] string name,
        [Description("start, stop or restart.")] ServiceAction action,
        [Description("true: wait until the effect shows. false: return once WebOps has accepted the action.")] bool wait = true,
        [Description("Longest wait, seconds.")][Range(5, 600)] int timeout_seconds = 120,
        IProgress<ProgressNotificationValue>? progress = null,
        CancellationToken cancellationToken = default) =>
        control.ActAsync(name, action, wait, timeout_seconds, progress.AsSteps(), cancellationToken);
}
