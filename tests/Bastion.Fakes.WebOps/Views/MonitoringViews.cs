using System.Globalization;
using Bastion.Fakes.WebOps.Django;
using Bastion.Fakes.WebOps.State;
using Microsoft.AspNetCore.Http;

namespace Bastion.Fakes.WebOps.Views;

/// <summary>
/// The monitoring JSON under <c>/monitoring/api/</c> (<c>apps/services</c>): a deployment's process status by integer id
/// (403 from the ownership check when it is not the user's), the system health check, and the metrics history
/// (<c>?hours=</c>, one sample every 5 minutes).
/// </summary>
public static class MonitoringViews
{
    private static readonly TimeSpan SampleEvery = TimeSpan.FromMinutes(5);

    public static async Task HandleAsync(HttpContext context, FakeStore store, string user, string rest)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(rest);
        var get = HttpMethods.IsGet(context.Request.Method);
        if (rest.StartsWith("api/service/", StringComparison.Ordinal) && rest.EndsWith("/status/", StringComparison.Ordinal)
            && int.TryParse(rest["api/service/".Length..^"/status/".Length], NumberStyles.None, CultureInfo.InvariantCulture, out var id))
        {
            if (store.Options.AsRunAtCommit && get)
            {
                await DjangoResponses.ServerErrorAsync(context); // every call at the commit
                return;
            }

            object? status;
            lock (store.Gate)
            {
                var deployment = store.Find(user, id);
                status = deployment is null ? null : get ? ServiceStatus(store, deployment) : string.Empty;
            }

            await (status switch
            {
                null => DjangoResponses.PermissionDeniedAsync(context),
                string => DjangoResponses.NotAllowedAsync(context, "GET"),
                _ => DjangoResponses.JsonAsync(context, status),
            });
            return;
        }

        switch (rest)
        {
            case "api/system/health/":
                await (get ? DjangoResponses.JsonAsync(context, Health(store)) : DjangoResponses.NotAllowedAsync(context, "GET"));
                return;
            case "api/metrics/history/":
                if (!int.TryParse(context.Request.Query["hours"].FirstOrDefault() ?? "24", NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var hours))
                {
                    await DjangoResponses.ServerErrorAsync(context);
                    return;
                }

                await DjangoResponses.JsonAsync(context, History(store, hours));
                return;
            default:
                await DjangoResponses.NotFoundAsync(context);
                return;
        }
    }

    private static Dictionary<string, object?> ServiceStatus(FakeStore store, FakeDeployment deployment)
    {
        store.Advance(deployment);
        var process = deployment.Process;
        var now = DateTimeOffset.UtcNow;
        return new Dictionary<string, object?>
        {
            ["deployment_id"] = deployment.Id,
            ["deployment_name"] = deployment.Name,
            ["status"] = process is null ? "stopped" : "running",
            ["pid"] = process?.Pid,
            ["memory_mb"] = process?.MemoryMb,
            ["cpu_percent"] = process?.CpuPercent,
            ["uptime_seconds"] = process is null ? null : (int)(now - process.StartedAt).TotalSeconds,
            ["restart_count"] = deployment.RestartCount,
            ["last_checked"] = DjangoResponses.Iso(now),
        };
    }

    private static Dictionary<string, object?> Health(FakeStore store)
    {
        lock (store.Gate)
        {
            var h = store.Health;
            var running = store.Deployments.Where(d => d.Status == "running").ToList();
            var results = running.Select(d => new Dictionary<string, object?>
            {
                ["deployment"] = d.Name,
                ["deployment_id"] = d.Id,
                ["healthy"] = d.Process is not null,
                ["service_status"] = d.Process is null ? "stopped" : "running",
                ["http_check"] = d.Process is null ? null : new Dictionary<string, object?> { ["healthy"] = true, ["status_code"] = 200, ["response_time_ms"] = 41.7 },
            }).ToList();
            var unhealthy = results.Count(r => r["healthy"] is false);
            var celeryHealthy = h.CeleryWorkers > 0;
            return new Dictionary<string, object?>
            {
                ["healthy"] = h.CpuPercent < 90 && h.MemoryPercent < 95 && h.DiskPercent < 95 && celeryHealthy && h.CriticalAlerts == 0,
                ["timestamp"] = DjangoResponses.Iso(DateTimeOffset.UtcNow),
                ["resources"] = new Dictionary<string, object?> { ["cpu_percent"] = h.CpuPercent, ["memory_percent"] = h.MemoryPercent, ["disk_percent"] = h.DiskPercent, ["load_average_1m"] = h.LoadAverage1m },
                ["celery"] = new Dictionary<string, object?>
                {
                    ["success"] = true,
                    ["worker_count"] = h.CeleryWorkers,
                    ["workers"] = Enumerable.Range(0, h.CeleryWorkers).Select(i => new Dictionary<string, object?> { ["pid"] = 3100 + i, ["name"] = "celery", ["status"] = "sleeping", ["memory_mb"] = 96.0, ["cpu_percent"] = 0.3, ["created"] = 1762590000.0 }).ToList(),
                    ["beat_running"] = h.BeatRunning,
                    ["healthy"] = celeryHealthy,
                },
                ["deployments"] = new Dictionary<string, object?>
                {
                    ["success"] = true,
                    ["total_checked"] = results.Count,
                    ["healthy"] = results.Count - unhealthy,
                    ["unhealthy"] = unhealthy,
                    ["results"] = results,
                    ["auto_restart_enabled"] = false,
                    ["restart_results"] = Array.Empty<object>(),
                },
                ["alerts"] = new Dictionary<string, object?> { ["total"] = h.Alerts, ["critical"] = h.CriticalAlerts },
            };
        }
    }

    private static Dictionary<string, object> History(FakeStore store, int hours)
    {
        double cpu, memory, disk, load;
        lock (store.Gate)
        {
            (cpu, memory, disk, load) = (store.Health.CpuPercent, store.Health.MemoryPercent, store.Health.DiskPercent, store.Health.LoadAverage1m);
        }

        var count = Math.Max(0, hours) * 12;
        var end = DateTimeOffset.UtcNow;
        // Newest first, as the control panel answers at the adapter's commit.
        var samples = Enumerable.Range(0, count).Select(i => (Time: end - (SampleEvery * (count - 1 - i)), Wave: Math.Sin(i / 6.0))).Reverse().ToList();
        return new Dictionary<string, object>
        {
            ["timestamps"] = samples.Select(s => DjangoResponses.Iso(s.Time)).ToList(),
            ["cpu"] = samples.Select(s => Math.Round(cpu + 10 * s.Wave, 1)).ToList(),
            ["memory"] = samples.Select(s => Math.Round(memory + 2 * s.Wave, 1)).ToList(),
            ["disk"] = samples.Select(_ => disk).ToList(),
            ["load_avg_1m"] = samples.Select(s => Math.Round(load + 0.2 * s.Wave, 2)).ToList(),
            ["network_sent"] = samples.Select((_, i) => 100.0 + i).ToList(),
            ["network_recv"] = samples.Select((_, i) => 200.0 + (2 * i)).ToList(),
        };
    }
}
