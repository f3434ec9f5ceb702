using System.ComponentModel;
using System.ComponentModel.DataAnnotations;
using Bastion.Core.Inventory;
using Bastion.Core.Metrics;
using ModelContextProtocol.Server;

namespace Bastion.Mcp.Tools;

/// <summary>Resource metrics of a host.</summary>
[McpServerToolType]
public sealed class MetricsTools(Fleet fleet, TimeProvider clock)
{
    [McpServerTool(Name = "metrics_sample", Title = "Sample host metrics", ReadOnly = true, Destructive = false, Idempotent = true, OpenWorld = false, UseStructuredContent = true)]
    [Description("Sample a host's resource use over a short window: CPU utilisation per state (user, system, iowait, steal, idle, in percent), load averages, memory and swap (bytes), usage of each mounted file system (bytes, percent, inodes) and per-interface network throughput (bytes/s, errors, drops). Use it first when asked why a host is slow or full. Takes about 'seconds' to answer.")]
    public Task<MetricsSnapshot> SampleAsync(
        [Description("Inventory name of the host (see hosts_list).")][MaxLength(200)] string host = "local",
        [Description("Sample window in seconds (0.1-10); CPU percentages and network rates are averaged over it.")][Range(0.1, 10.0)] double seconds = 1.0,
        [Description("Most file systems, and most network interfaces, to return (1-500); the fullest and busiest come first.")][Range(1, 500)] int limit = 50,
        CancellationToken cancellationToken = default) =>
        MetricsCollector.CollectAsync(fleet.RunnerFor(host), seconds, limit, clock, cancellationToken);
}
