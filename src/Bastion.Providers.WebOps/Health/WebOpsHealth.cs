using System.Text.Json;
using Bastion.Providers.WebOps.Api;

namespace Bastion.Providers.WebOps.Health;

/// <summary>
/// The health of the WebOps server and its apps, read from WebOps's monitoring: its healthy verdict, resources now,
/// background workers, alerts, the check of each running deployment and a summary of the resource history. Parts
/// WebOps cannot answer (the history) become notes, not errors. Sources: WebOps GET /monitoring/api/system/health/ and
/// /monitoring/api/metrics/history/?hours=N.
/// </summary>
internal sealed class WebOpsHealth(WebOpsClient client)
{
    /// <summary>Deployment checks returned at the most (unhealthy first).</summary>
    private const int MaxChecks = 50;

    /// <summary>The server's health now.</summary>
    /// <param name="includeDeployments">Include the check of each running deployment.</param>
    /// <param name="historyHours">Hours of resource history to summarise; 0 for none.</param>
    /// <param name="cancellationToken">Ends the call.</param>
    /// <returns>The verdict (false when WebOps gives none), resources in percent (0-100) and load, workers, deployment
    /// checks (response times in seconds), alert counts, the history summary and notes saying why it is unhealthy.</returns>
    /// <exception cref="PlatformException">WebOps refused the health call.</exception>
    public async Task<SystemHealth> ReadAsync(bool includeDeployments, int historyHours, CancellationToken cancellationToken)
    {
        var notes = new List<string>();
        var json = await client.HealthAsync(cancellationToken);
        var resources = json.Field("resources") is { } r
            ? new ResourceUsage(r.Num("cpu_percent"), r.Num("memory_percent"), r.Num("disk_percent"), r.Num("load_average_1m"))
            : new ResourceUsage(null, null, null, null);
        var workers = json.Field("celery") is { } c ? new WorkerHealth(c.Bool("healthy"), c.Int("worker_count"), c.Bool("beat_running"), c.Str("error")) : null;
        var alerts = json.Field("alerts") is { } a ? new AlertCounts(a.Int("total"), a.Int("critical")) : new AlertCounts(null, null);
        var deployments = includeDeployments && json.Field("deployments") is { } d ? Deployments(d) : null;
        var healthy = json.Bool("healthy") ?? false;
        if (json.Bool("healthy") is null)
        {
            notes.Add("WebOps gave no healthy verdict; healthy is false by default.");
        }

        if (!healthy)
        {
            notes.Add(Why(resources, workers, alerts));
        }

        MetricsHistory? history = null;
        if (historyHours > 0)
        {
            try
            {
                history = History(await client.HistoryAsync(historyHours, cancellationToken), historyHours);
            }
            catch (PlatformException e)
            {
                notes.Add($"Resource history unavailable: {e.Message}");
            }
        }

        return new SystemHealth(healthy, json.Time("timestamp"), resources, workers, deployments, alerts, history, notes);
    }

    private static DeploymentsHealth Deployments(JsonElement d)
    {
        var results = d.Items("results").Select(r => new DeploymentCheck(
                r.Str("deployment") ?? "unknown",
                r.Bool("healthy") ?? false,
                r.Str("service_status"),
                r.Field("http_check")?.Int("status_code"),
                r.Field("http_check")?.Num("response_time_ms") is { } ms ? Math.Round(ms / 1000, 4) : null))
            .OrderBy(c => c.Healthy)
            .ToList();
        return new DeploymentsHealth(
            d.Int("total_checked") ?? results.Count,
            d.Int("healthy") ?? results.Count(x => x.Healthy),
            d.Int("unhealthy") ?? results.Count(x => !x.Healthy),
            results.Take(MaxChecks).ToList(),
            results.Count > MaxChecks);
    }

    private static string Why(ResourceUsage resources, WorkerHealth? workers, AlertCounts alerts)
    {
        var reasons = new List<string>();
        if (resources.CpuPercent >= 90)
        {
            reasons.Add($"CPU at {resources.CpuPercent:0.#} %");
        }

        if (resources.MemoryPercent >= 95)
        {
            reasons.Add($"memory at {resources.MemoryPercent:0.#} %");
        }

        if (resources.DiskPercent >= 95)
        {
            reasons.Add($"disk at {resources.DiskPercent:0.#} %");
        }

        if (workers?.Healthy == false)
        {
            reasons.Add("no background worker runs (deploys, stops and restarts stay queued)");
        }

        if (alerts.Critical > 0)
        {
            reasons.Add($"{alerts.Critical} critical alert(s) unacknowledged");
        }

        return reasons.Count == 0 ? "WebOps reports itself unhealthy." : $"WebOps reports itself unhealthy: {string.Join("; ", reasons)}.";
    }

    private static MetricsHistory History(JsonElement json, int hours)
    {
        var times = json.Items("timestamps").Select(t => t.ValueKind == JsonValueKind.String && DateTimeOffset.TryParse(t.GetString(), System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.AssumeUniversal, out var v) ? v.ToUniversalTime() : (DateTimeOffset?)null)
            .OfType<DateTimeOffset>().ToList();

        // The control panel answers newest first; the summary's Last must be the newest sample whichever way it comes.
        var newestFirst = times.Count > 1 && times[0] > times[^1];
        IReadOnlyList<double> Series(string name)
        {
            var values = json.Items(name).Where(v => v.ValueKind == JsonValueKind.Number).Select(v => v.GetDouble());
            return newestFirst ? values.Reverse().ToList() : values.ToList();
        }

        return new MetricsHistory(
            hours,
            times.Count,
            times.Count > 0 ? times.Min() : null,
            times.Count > 0 ? times.Max() : null,
            MetricSummary.Of(Series("cpu")),
            MetricSummary.Of(Series("memory")),
            MetricSummary.Of(Series("disk")),
            MetricSummary.Of(Series("load_avg_1m")));
    }
}
