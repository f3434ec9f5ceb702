using System.ComponentModel;
using Bastion.Core.Policy;
using Bastion.Providers.WebOps.Security;
using Bastion.Tools;
using ModelContextProtocol;
using ModelContextProtocol.Server;

namespace Bastion.Providers.WebOps.Deployments;

/// <summary>
/// Deploying, starting, stopping, restarting and deleting WebOps apps, and asking for a security scan, in one tool
/// (operator mode, scope <c>platform:manage</c>). Every action but scan is confirmed (<see cref="DeploymentControlRiskAttribute"/>
/// checks the arguments before anyone is asked). Annotated destructive and not idempotent, as its most dangerous actions are.
/// </summary>
[McpServerToolType]
[Toolset("webops", Scopes.PlatformManage)]
internal sealed class WebOpsDeploymentControlTools(WebOpsDeploymentControl control)
{
    [McpServerTool(Name = "webops_deployment_control", Title = "Deploy, start, stop, restart, delete or scan a WebOps app", ReadOnly = false, Destructive = true, Idempotent = false, OpenWorld = true, UseStructuredContent = true)]
    [Description("Deploy an app from git; start, stop, restart or delete a deployment; or start a security scan. WebOps has no scaling.")]
    [DeploymentControlRisk]
    public Task<DeploymentControlResult> ControlAsync(
        DeploymentAction action,
        [Description("deployment name (scan: or system)")] string name,
        [Description("deploy: git URL")] string? repository = null,
        [Description("deploy (default main)")] string? branch = null,
        [Description("deploy: sets ENVIRONMENT")] DeployEnvironment? environment = null,
        [Description("deploy")] string? domain = null,
        [Description("deploy")] Dictionary<string, string>? env_vars = null,
        [Description("scan (default comprehensive)")] ScanType? scan_type = null,
        [Description("false: return once queued (default true)")] bool? wait = null,
        [Description("deploy 600, others 120")] int? timeout_seconds = null,
        IProgress<ProgressNotificationValue>? progress = null,
        CancellationToken cancellationToken = default) =>
        control.RunAsync(new DeploymentControlRequest(action, name, repository, branch, environment, domain, env_vars, wait, timeout_seconds, scan_type), progress.AsSteps(), cancellationToken);
}
