using System.Globalization;
using Bastion.Core.Progress;
using Bastion.Providers.WebOps.Api;

namespace Bastion.Providers.WebOps.Services;

/// <summary>
/// Starts, stops or restarts a deployment's app and follows the effect: stop until the record says stopped (or failed),
/// restart until the process has a new pid or a higher restart count (WebOps's monitor), start not at all (WebOps's
/// start only marks the record running). Parts WebOps cannot answer (logs, process status) become notes, not errors.
/// Sources: WebOps POST /api/deployments/{name}/start|stop|restart/, GET /api/deployments/{name}/,
/// /monitoring/api/service/{id}/status/, /api/deployments/{name}/logs/.
/// </summary>
internal sealed class WebOpsServiceControl(WebOpsClient client, WebOpsOptions options, TimeProvider clock)
{
    /// <summary>Does <paramref name="action"/> on the deployment <paramref name="name"/>.</summary>
    /// <param name="name">The deployment's name.</param>
    /// <param name="action">start, stop or restart.</param>
    /// <param name="wait">Follow the effect (stop, restart) rather than return once WebOps queued it.</param>
    /// <param name="timeoutSeconds">Longest wait for the effect, seconds; past it the outcome is <c>unconfirmed</c>.</param>
    /// <param name="progress">Told of every look while waiting; may be null.</param>
    /// <param name="cancellationToken">Ends the call.</param>
    /// <returns>The outcome (<c>done</c>, <c>queued</c> or <c>unconfirmed</c>), the status and process afterwards, the
    /// log entries written meanwhile and notes.</returns>
    /// <exception cref="PlatformException">WebOps refused the action or the deployment is unknown.</exception>
    public async Task<ServiceActionResult> ActAsync(string name, ServiceAction action, bool wait, int timeoutSeconds, IProgress<StepProgress>? progress, CancellationToken cancellationToken)
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
            notes.Add($"Queued; WebOps {(action == ServiceAction.Stop ? "stops" : "restarts")} it in the background. Follow it with webops_deployment resource=status.");
        }
        else if (action == ServiceAction.Stop)
        {
            outcome = await WaitAsync($"stop of {name}", async token =>
            {
                var (now, _) = await client.GetAsync(name, token);
                return (now.Status is "stopped" or "failed", now.Status);
            }, timeoutSeconds, progress, notes, cancellationToken);
        }
        else if (before is null)
        {
            notes.Add("Bastion cannot watch the restart: WebOps did not report the process before it (see above). Check the app with webops_deployment resource=status.");
        }
        else
        {
            outcome = await WaitAsync($"restart of {name}", async token =>
            {
                var now = await client.ProcessAsync(deployment.Id, token);
                var restarted = (now.Pid is not null && now.Pid != before.Pid) || now.RestartCount > before.RestartCount;
                return (restarted, $"process {now.Status}, pid {now.Pid?.ToString(CultureInfo.InvariantCulture) ?? "none"}, {now.RestartCount ?? 0} restarts");
            }, timeoutSeconds, progress, notes, cancellationToken);
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
        IProgress<StepProgress>? progress,
        List<string> notes,
        CancellationToken cancellationToken)
    {
        var started = clock.GetTimestamp();
        var timeout = TimeSpan.FromSeconds(timeoutSeconds);
        var pacer = new PollPacer(options, clock);
        try
        {
            var done = await OperationPoller.PollAsync(
                WebOpsClient.Platform,
                what,
                async token =>
                {
                    await pacer.WaitTurnAsync(timeout - clock.GetElapsedTime(started), token);
                    var (finished, status) = await look(token);
                    return new PollState<bool>(finished || clock.GetElapsedTime(started) >= timeout, finished, status);
                },
                options.PollInterval,
                timeout + (2 * options.PollInterval) + TimeSpan.FromSeconds(1),
                progress,
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
