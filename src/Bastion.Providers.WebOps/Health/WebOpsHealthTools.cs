using System.ComponentModel;
using System.ComponentModel.DataAnnotations;
using Bastion.Core.Policy;
using Bastion.Tools;
using ModelContextProtocol.Server;

namespace Bastion.Providers.WebOps.Health;

/// <summary>The health of the WebOps server and its apps.</summary>
[McpServerToolType]
[Toolset("webops", Scopes.PlatformRead)]
internal sealed class WebOpsHealthTools(WebOpsHealth health)
{
    [McpServerTool(Name = "webops_system_health", Title = "WebOps system health", ReadOnly = true, Destructive = false, Idempotent = true, OpenWorld = true, UseStructuredContent = true)]
    [Description("Check the WebOps server as a whole: WebOps's healthy verdict, CPU/memory/disk percent and load now, its background workers, unacknowledged alerts, the health of each running deployment (process up, HTTP check status and response time), and optionally min/average/max/last of the resources over the past hours. Use it first when apps on WebOps misbehave. Sources: WebOps GET /monitoring/api/system/health/ and /monitoring/api/metrics/history/?hours=N.")]
    public Task<SystemHealth> HealthAsync(
        [Description("Include the check of each running deployment.")] bool include_deployments = true,
        [Description("Hours of resource history to summarise (0-168; 1, 6, 24 or 168 for a week); 0 for none.")][Range(0, 168)] int history_hours = 1,
        CancellationToken cancellationToken = default) =>
        health.ReadAsync(include_deployments, history_hours, cancellationToken);
}
