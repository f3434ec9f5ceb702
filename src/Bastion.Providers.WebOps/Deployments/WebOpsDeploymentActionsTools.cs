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
    [Description("Deploy an app from a git repository to WebOps: creates the deployment NAME from REPOSITORY at BRANCH, then (by default) follows the build with progress notifications until the app runs or the build fails, and returns the outcome with the newest log entries. WebOps detects the runtime and its version from the repository itself (Django, Python, Node.js, Go, PHP, static, Docker…, from runtime.txt, pyproject.toml, package.json, Dockerfile); its API takes no runtime, database, memory or SSL settings, so Bastion offers none. environment reaches the app as its ENVIRONMENT variable. Names are unique across the whole WebOps: deploying under an existing name fails with 'Deployment NAME already exists'. Not idempotent; asks for confirmation. Source: WebOps POST /api/deployments/create/, then GET /api/deployments/{name}/.")]
    public Task<DeployResult> DeployAsync(
        [Description("Name of the new deployment: letters, digits, '.', '_' and '-', starting with a letter or digit, at most 100 characters. WebOps names the app's service and web site after it.")][RegularExpression("^[A-Za-z0-9][A-Za-z0-9._-]{0,99}$")] string name,
        [Description("Git repository URL (http or https), e.g. https://github.com/acme/shop.git.")][RegularExpression("^https?://[^\\s]+$")][StringLength(500)] string repository,
        [Description("Git branch to deploy.")][RegularExpression("^[^\\s]{1,100}$")] string branch = "main",
        [Description("What the deployment is for: development, staging or production. Passed to the app as ENVIRONMENT=<value>; omit to set nothing.")] DeployEnvironment? environment = null,
        [Description("Custom domain to serve the app at, e.g. shop.example.org. Omit for none.")][RegularExpression("^[A-Za-z0-9.-]{1,255}$")] string? domain = null,
        [Description("Environment variables for the app, e.g. {\"DEBUG\": \"False\"}. WebOps stores them as given; values under secret-looking names are kept out of Bastion's audit log and output.")] Dictionary<string, string>? env_vars = null,
        [Description("true: follow the build until the app runs or fails (progress notifications while waiting). false: return once WebOps has queued it.")] bool wait = true,
        [Description("Longest wait for the build, seconds (10-3600). When it ends first, the outcome is in_progress and the build goes on.")][Range(10, 3600)] int timeout_seconds = 600,
        IProgress<ProgressNotificationValue>? progress = null,
        CancellationToken cancellationToken = default) =>
        deployments.DeployAsync(new DeployRequest(name, repository, branch, environment, domain, env_vars), wait, timeout_seconds, progress.AsSteps(), cancellationToken);

    [McpServerTool(Name = "webops_deployment_delete", Title = "Delete a WebOps deployment", ReadOnly = false, Destructive = true, Idempotent = true, OpenWorld = true, UseStructuredContent = true)]
    [Description("Delete a WebOps deployment: WebOps stops the app and removes its service, site and record in the background; by default Bastion waits (with progress) until the deployment is gone. This cannot be undone; asks for confirmation. Errors: 'Deployment NAME not found'. Source: WebOps DELETE /api/deployments/{name}/delete/, then GET /api/deployments/{name}/ until 404.")]
    public Task<DeleteResult> DeleteAsync(
        [Description("The deployment's name (see webops_deployments_list).")][StringLength(100)] string name,
        [Description("true: wait until the deployment is gone. false: return once WebOps has queued the deletion.")] bool wait = true,
        [Description("Longest wait, seconds (5-600).")][Range(5, 600)] int timeout_seconds = 120,
        IProgress<ProgressNotificationValue>? progress = null,
        CancellationToken cancellationToken = default) =>
        deployments.DeleteAsync(name, wait, timeout_seconds, progress.AsSteps(), cancellationToken);
}
