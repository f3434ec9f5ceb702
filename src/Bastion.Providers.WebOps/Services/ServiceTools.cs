using System.ComponentModel;
using System.ComponentModel.DataAnnotations;
using Bastion.Core.Policy;
using Bastion.Tools;
using Bastion.Providers.WebOps.Client;
using Bastion.Providers.WebOps.Logs;
using Bastion.Providers.WebOps.Status;
using ModelContextProtocol;
using ModelContextProtocol.Server;

namespace Bastion.Providers.WebOps.Services;

/// <summary>Starting, stopping and restarting a deployment's app (operator mode, scope platform:manage, each call confirmed).</summary>
[McpServerToolType]
[Toolset("webops", Scopes.PlatformManage)]
internal sealed class ServiceTools(WebOpsClient client, WebOpsOptions options, TimeProvider clock)
{
    [McpServerTool(Name = "webops_service_action", Title = "Start, stop or restart a WebOps app", ReadOnly = false, Destructive = true, Idempotent = false, OpenWorld = true, UseStructuredContent = true)]
    [Description("Start, stop or restart a WebOps deployment's app. stop and restart are queued by WebOps; by default Bastion waits (with progress) until it sees the effect: the record says stopped, or the process has a new pid or restart count. Returns WebOps's message, the status and process afterwards, and the log entries written meanwhile. WebOps's start only marks the record running (it starts no process); the result's notes say when no process runs, and restart then starts it. WebOps has no scaling: there is no route to change the number of instances, so there is no scale action. Stopping or restarting interrupts the app; asks for confirmation. Sources: WebOps POST /api/deployments/{name}/start|stop|restart/, GET /api/deployments/{name}/, /monitoring/api/service/{id}/status/, /api/deployments/{name}/logs/.")]
    public async Task<ServiceActionResult> ActAsync(
        [Description("The deployment's name (see webops_deployments_list).")][MaxLength(100)] string name,
        [Description("start, stop or restart.")] ServiceAction action,
        [Description("true: wait until the effect shows. false: return once WebOps has accepted the action.")] bool wait = true,
        [Description("Longest wait, seconds (5-600).")][Range(5, 600)] int timeout_seconds = 120,
        IProgress<ProgressNotificationValue>? progress = null,
        CancellationToken cancellationToken = default)
    {
        var notes = new List<string>();
        var (deployment, _) = await client.GetAsync(name, cancellationToken);
        var lastLogId = (await TryAsync(() => client.LogsAsync(name, cancellationToken), notes, "Logs"))?.Select(l => l.Id).DefaultIfEmpty(0).Max();
        var before = action == ServiceAction.Restart ? await TryAsync(() => client.ProcessAsync(deployment.Id, cancellationToken), notes, "Process status") : null;

        var (message, _) = await client.ActAsync(name, action, cancellationToken);
        var verb = action.ToString().ToLowerInvariant();
        var outcome = "queued";
        if (action == ServiceAction.Start)
        {
            outcome = "done";
        }
        else if (!wait)
        {
            notes.Add($"Queued; WebOps {(action == ServiceAction.Stop ? "stops" : "restarts")} it in the background. Follow it with webops_deployment_status.");
        }
        else if (action == ServiceAction.Stop)
        {
            outcome = await WaitAsync($"stop of {name}", async token =>
            {
                var (now, _) = await client.GetAsync(name, token);
                return (now.Status is "stopped" or "failed", now.Status);
            }, timeout_seconds, progress, notes, cancellationToken);
        }
        else if (before is null)
        {
            notes.Add("Bastion cannot watch the restart: WebOps did not report the process before it (see above). Check the app with webops_deployment_status.");
        }
        else
        {
            outcome = await WaitAsync($"restart of {name}", async token =>
            {
                var now = await client.ProcessAsync(deployment.Id, token);
                var restarted = (now.Pid is not null && now.Pid != before.Pid) || now.RestartCount > before.RestartCount;
                return (restarted, $"process {now.Status}, pid {now.Pid?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "none"}, {now.RestartCount ?? 0} restarts");
            }, timeout_seconds, progress, notes, cancellationToken);
            if (outcome == "unconfirmed")
            {
                notes.Add("WebOps accepted the restart, but the process did not change within the wait (some WebOps versions only log restart requests).");
            }
        }

        var (after, _) = await client.GetAsync(name, cancellationToken);
        var process = await TryAsync(() => client.ProcessAsync(deployment.Id, cancellationToken), notes, "Process status");
        var logs = await TryAsync(() => client.LogsAsync(name, cancellationToken), notes, "Logs");
        var newLogs = logs is null ? [] : logs.Where(l => l.Id > (lastLogId ?? int.MaxValue)).ToList();
        if (action == ServiceAction.Start && process is { Status: not "running" })
        {
            notes.Add($"WebOps marked {name} running, but its monitor finds the process {process.Status}: WebOps's start sets the record only. Use action restart to start the process.");
        }

        return new ServiceActionResult(name, verb, message, outcome, after.Status, process, newLogs, notes.Distinct().ToList());
    }

    private async Task<string> WaitAsync(
        string what,
        Func<CancellationToken, Task<(bool Done, string Status)>> look,
        int timeoutSeconds,
        IProgress<ProgressNotificationValue>? progress,
        List<string> notes,
        CancellationToken cancellationToken)
    {
        var started = clock.GetTimestamp();
        var timeout = TimeSpan.FromSeconds(timeoutSeconds);
        try
        {
            var done = await OperationPoller.PollAsync(
                WebOpsClient.Platform,
                what,
                async token =>
                {
                    var (finished, status) = await look(token);
                    return new PollState<bool>(finished || clock.GetElapsedTime(started) >= timeout, finished, status);
                },
                options.PollInterval,
                timeout + (2 * options.PollInterval) + TimeSpan.FromSeconds(1),
                progress.AsSteps(),
                clock,
                cancellationToken);
            return done ? "done" : "unconfirmed";
        }
        catch (PlatformException e)
        {
            notes.Add($"WebOps accepted the action, but following it failed: {e.Message}");
            return "unconfirmed";
        }
    }

    private static async Task<T?> TryAsync<T>(Func<Task<T>> call, List<string> notes, string what)
        where T : class
    {
        try
        {
            return await call();
        }
        catch (PlatformException e)
        {
            notes.Add($"{what} unavailable: {e.Message}");
            return null;
        }
    }
}
