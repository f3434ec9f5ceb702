using System.ComponentModel;
using System.ComponentModel.DataAnnotations;
using Bastion.Core.Policy;
using Bastion.Tools;
using ModelContextProtocol.Server;

namespace Bastion.Providers.WebOps.Status;

/// <summary>A deployment's status with its process metrics and recent logs.</summary>
[McpServerToolType]
[Toolset("webops", Scopes.PlatformRead)]
internal sealed class WebOpsStatusTools(WebOpsStatusReader status)
{
    [McpServerTool(Name = "webops_deployment_status", Title = "WebOps deployment status", ReadOnly = true, Destructive = false, Idempotent = true, OpenWorld = true, UseStructuredContent = true)]
    [Description("Status of one WebOps deployment in one call: WebOps's recorded status (pending, building, running, stopped, failed), the app's process as WebOps's monitor sees it (pid, CPU percent, memory bytes, uptime seconds, restart count) and the newest log entries. Use it to follow a deploy, to check an app after start/stop/restart, or to see why a build failed. Notes flag a record that says running while no process runs. Sources: WebOps GET /api/deployments/{name}/, /monitoring/api/service/{id}/status/, /api/deployments/{name}/logs/.")]
    public Task<DeploymentStatus> StatusAsync(
        [Description("The deployment's name (see webops_deployments_list).")][MaxLength(100)] string name,
        [Description("Include the process's metrics.")] bool include_metrics = true,
        [Description("Include the newest log entries.")] bool include_logs = true,
        [Description("How many of the newest log entries (1-200).")][Range(1, 200)] int log_lines = 20,
        CancellationToken cancellationToken = default) =>
        status.ReadAsync(name, include_metrics, include_logs, log_lines, cancellationToken);
}
