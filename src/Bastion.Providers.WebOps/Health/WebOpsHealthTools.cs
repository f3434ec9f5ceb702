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
    [Description("The WebOps server as a whole: healthy verdict, CPU/memory/disk percent, load, workers, open alerts, each running deployment's health (process, HTTP check), optionally min/avg/max over past hours. Use first when apps misbehave. Source: WebOps GET /monitoring/api/system/health/.")]
    public Task<SystemHealth> HealthAsync(
        [Description("Include the check of each running deployment.")] bool include_deployments = true,
        [Description("Hours of resource history to summarise (0-168; 1, 6, 24 or 168 for a week); 0 for none.")][Range(0, 168)] int history_hours = 1,
        CancellationToken cancellationToken = default) =>
        health.ReadAsync(include_deployments, history_hours, cancellationToken);
}
