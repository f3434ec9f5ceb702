using System.ComponentModel;
using System.ComponentModel.DataAnnotations;
using Bastion.Core.Policy;
using Bastion.Tools;
using ModelContextProtocol;
using ModelContextProtocol.Server;

namespace Bastion.Providers.WebOps.Deployments;

/// <summary>Deploying apps to WebOps and deleting them (operator mode, scope platform:manage, each call confirmed).</summary>
[McpServerToolType]
[Toolset("webops", Scopes.PlatformManage)]
internal sealed class WebOpsDeploymentActionsTools(WebOpsDeployments deployments)
{
    [McpServerTool(Name = "webops_deploy", Title = "Deploy an app to WebOps", ReadOnly = false, Destructive = true, Idempotent = false, OpenWorld = true, UseStructuredContent = true)]
    [Description("Deploy an app from a git repository and branch as a new deployment, by default following the build until it runs or fails; returns the outcome and newest log entries. WebOps detects the runtime. Names are unique across WebOps; each call deploys again. Source: WebOps POST /api/deployments/create/.")]
    public Task<DeployResult> DeployAsync(
        [Description("Name of the new deployment; WebOps names the app's service and web site after it.")][RegularExpression("^[A-Za-z0-9][A-Za-z0-9._-]{0,99}$")] string name,
        [Description("Git repository URL (http or https), e.g. https://github.com/acme/shop.git.")][RegularExpression("^https?://[^\\s]+$")][StringLength(500)] string repository,
        [Description("Git branch to deploy.")][RegularExpression("^[^\\s]{1,100}$")] string branch = "main",
        [Description("Passed to the app as ENVIRONMENT=<value>; omit to set nothing.")] DeployEnvironment? environment = null,
        [Description("Custom domain to serve the app at, e.g. shop.example.org.")][RegularExpression("^[A-Za-z0-9.-]{1,255}$")] string? domain = null,
        [Description("Environment variables for the app, e.g. {\"DEBUG\": \"False\"}; secret-looking values are kept out of Bastion's audit log and output.")] Dictionary<string, string>? env_vars = null,
        [Description("Follow the build until the app runs or fails; false returns once queued.")] bool wait = true,
        [Description("Longest wait for the build, seconds; after it the outcome is in_progress and the build goes on.")][Range(10, 3600)] int timeout_seconds = 600,
        IProgress<ProgressNotificationValue>? progress = null,
        CancellationToken cancellationToken = default) =>
        deployments.DeployAsync(new DeployRequest(name, repository, branch, environment, domain, env_vars), wait, timeout_seconds, progress.AsSteps(), cancellationToken);

    [McpServerTool(Name = "webops_deployment_delete", Title = "Delete a WebOps deployment", ReadOnly = false, Destructive = true, Idempotent = true, OpenWorld = true, UseStructuredContent = true)]
    [Description("Delete a WebOps deployment (app, service, site, record), by default waiting until it is gone. Cannot be undone. Source: WebOps DELETE /api/deployments/{name}/delete/.")]
    public Task<DeleteResult> DeleteAsync(
        [Description("Deployment name.")][StringLength(100)] string name,
        [Description("true: wait until the deployment is gone. false: return once WebOps has queued the deletion.")] bool wait = true,
        [Description("Longest wait, seconds.")][Range(5, 600)] int timeout_seconds = 120,
        IProgress<ProgressNotificationValue>? progress = null,
        CancellationToken cancellationToken = default) =>
        deployments.DeleteAsync(name, wait, timeout_seconds, progress.AsSteps(), cancellationToken);
}
