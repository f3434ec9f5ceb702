using Bastion.Providers.WebOps.Api;
using Bastion.Providers.WebOps.Logs;

namespace Bastion.Providers.WebOps.Status;

/// <summary>
/// One deployment's status in one read: WebOps's record (<c>GET /api/deployments/{name}/</c>), its process as WebOps's
/// monitor sees it (<c>/monitoring/api/service/{id}/status/</c>) and the newest log entries
/// (<c>/api/deployments/{name}/logs/</c>). A failing metrics or log read becomes a note, not an error; notes also flag a
/// record that disagrees with the process.
/// </summary>
internal sealed class WebOpsStatusReader(WebOpsClient client)
{
    /// <summary>The status of <paramref name="name"/>, with its process and <paramref name="logLines"/> newest log entries when asked.</summary>
    /// <exception cref="PlatformException">WebOps refused the deployment's record (e.g. no such deployment).</exception>
    public async Task<DeploymentStatus> ReadAsync(string name, bool includeMetrics, bool includeLogs, int logLines, CancellationToken cancellationToken)
    {
        var notes = new List<string>();
        var (deployment, _) = await client.GetAsync(name, cancellationToken);
        ProcessStatus? process = null;
        if (includeMetrics)
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
        if (includeLogs)
        {
            try
            {
                var all = await client.LogsAsync(name, cancellationToken);
                logs = all.TakeLast(logLines).ToList();
                if (all.Count > logs.Count)
                {
                    notes.Add($"Showing the newest {logs.Count} of {all.Count} log entries; webops_deployment resource=logs filters by level and time.");
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
