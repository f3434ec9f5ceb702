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
    [Description("One deployment now: recorded status, its process (pid, CPU percent, memory bytes, uptime, restarts) and the newest log entries; notes flag a record that disagrees with the process. Follows deploys and restarts. Sources: WebOps GET /api/deployments/{name}/, its /logs/, /monitoring/api/service/{id}/status/.")]
    public Task<DeploymentStatus> StatusAsync(
        [Description("Deployment name.")][StringLength(100)] string name,
        [Description("Include the process's metrics.")] bool include_metrics = true,
        [Description("Include the newest log entries.")] bool include_logs = true,
        [Description("How many of the newest log entries.")][Range(1, 200)] int log_lines = 20,
        CancellationToken cancellationToken = default) =>
        status.ReadAsync(name, include_metrics, include_logs, log_lines, cancellationToken);
}
