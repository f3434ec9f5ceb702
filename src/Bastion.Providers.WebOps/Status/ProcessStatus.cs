using System.ComponentModel;
using System.Text.Json;
using Bastion.Providers.WebOps.Api;

namespace Bastion.Providers.WebOps.Status;

/// <summary>A deployment's process as WebOps's system monitor sees it (<c>/monitoring/api/service/{id}/status/</c>).</summary>
internal sealed record ProcessStatus(
    [property: Description("The process's state per WebOps's monitor, e.g. running or stopped.")] string Status,
    [property: Description("Process id; null when no process runs.")] int? Pid,
    [property: Description("CPU use of the process, percent of one core (psutil).")] double? CpuPercent,
    [property: Description("Resident memory of the process, bytes (WebOps reports MiB; multiplied by 1,048,576).")] long? MemoryBytes,
    [property: Description("Seconds since the process started.")] long? UptimeSeconds,
    [property: Description("How often WebOps has restarted it.")] int? RestartCount,
    [property: Description("When WebOps's monitor looked (UTC).")] DateTimeOffset? CheckedAt)
{
    public static ProcessStatus From(JsonElement e) => new(
        e.Str("status") ?? "unknown",
        e.Int("pid"),
        e.Num("cpu_percent"),
        e.Num("memory_mb") is { } mb ? (long)Math.Round(mb * 1024 * 1024) : null,
        e.Num("uptime_seconds") is { } s ? (long)s : null,
        e.Int("restart_count"),
        e.Time("last_checked"));
}
