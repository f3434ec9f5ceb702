using System.ComponentModel;
using System.ComponentModel.DataAnnotations;
using Bastion.Core.Policy;
using Bastion.Tools;
using Bastion.Providers.WebOps.Api;
using Bastion.Providers.WebOps.Logs;
using ModelContextProtocol.Server;

namespace Bastion.Providers.WebOps.Status;

/// <summary>A deployment's status with its process metrics and recent logs.</summary>
[McpServerToolType]
[Toolset("webops", Scopes.PlatformRead)]
internal sealed class WebOpsStatusTools(WebOpsClient client)
{
    [McpServerTool(Name = "webops_deployment_status", Title = "WebOps deployment status", ReadOnly = true, Destructive = false, Idempotent = true, OpenWorld = true, UseStructuredContent = true)]
    [Description("Status of one WebOps deployment in one call: WebOps's recorded status (pending, building, running, stopped, failed), the app's process as WebOps's monitor sees it (pid, CPU percent, memory bytes, uptime seconds, restart count) and the newest log entries. Use it to follow a deploy, to check an app after start/stop/restart, or to see why a build failed. Notes flag a record that says running while no process runs. Sources: WebOps GET /api/deployments/{name}/, /monitoring/api/service/{id}/status/, /api/deployments/{name}/logs/.")]
    public async Task<DeploymentStatus> StatusAsync(
        [Description("The deployment's name (see webops_deployments_list).")][StringLength(100)] string name,
        [Description("Include the process's metrics.")] bool include_metrics = true,
        [Description("Include the newest log entries.")] bool include_logs = true,
        [Description("How many of the newest log entries (1-200).")][Range(1, 200)] int log_lines = 20,
        CancellationToken cancellationToken = default)
    {
        var notes = new List<string>();
        var (deployment, _) = await client.GetAsync(name, cancellationToken);
        ProcessStatus? process = null;
        if (include_metrics)
        {
            try
            {
                process = await client.ProcessAsync(deployment.Id, cancellationToken);
            }
            catch (PlatformException e)
            {
                notes.Add($"Process metrics unavailable: {e.Message}");
            }
        }

        List<LogEntry> logs = [];
        if (include_logs)
        {
            try
            {
                var all = await client.LogsAsync(name, cancellationToken);
                logs = all.TakeLast(log_lines).ToList();
                if (all.Count > logs.Count)
                {
                    notes.Add($"Showing the newest {logs.Count} of {all.Count} log entries; webops_deployment_logs filters by level and time.");
                }
            }
            catch (PlatformException e)
            {
                notes.Add($"Logs unavailable: {e.Message}");
            }
        }

        notes.AddRange(StatusNotes.For(deployment.Status, process));
        return new DeploymentStatus(deployment, process, logs, notes);
    }
}
