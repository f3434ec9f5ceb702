using System.ComponentModel;
using System.ComponentModel.DataAnnotations;
using System.Diagnostics.CodeAnalysis;
using Bastion.Core.FanOut;
using Bastion.Core.Metrics;
using ModelContextProtocol;
using Bastion.Core.Policy;
using Bastion.Mcp.Catalog;
using ModelContextProtocol.Server;

namespace Bastion.Mcp.Tools;

/// <summary>Resource metrics of hosts.</summary>
[McpServerToolType]
[Toolset("metrics", Scopes.MetricsRead)]
public sealed class MetricsTools(FanOutRunner fanOut, TimeProvider clock)
{
    [McpServerTool(Name = "metrics_sample", Title = "Sample host metrics", ReadOnly = true, Destructive = false, Idempotent = true, OpenWorld = false, UseStructuredContent = true)]
    [Description("Sample resource use over a short window: CPU utilisation per state (user, system, iowait, steal, idle, in percent), load averages, memory and swap (bytes), usage of each mounted file system (bytes, percent, inodes), per-interface network throughput (bytes/s, errors, drops) and per-disk I/O (reads and writes per second, bytes/s, await ms, utilisation percent). Pseudo file systems and virtual interfaces are left out unless include_virtual. Use it first when asked why hosts are slow or full. Takes about 'seconds' to answer, however many hosts.")]
    [SuppressMessage("Naming", "CA1707", Justification = "Tool parameters are snake_case, like every field Bastion returns.")]
    public Task<FanOutResult<MetricsSnapshot>> SampleAsync(
        [Description(ToolText.Target)][StringLength(1000)] string target = "local",
        [Description("Sample window in seconds (0.1-10); CPU percentages, network rates and disk I/O rates are averaged over it.")][Range(0.1, 10.0)] double seconds = 1.0,
        [Description("Most file systems, network interfaces and block devices each, per host (1-500); the fullest and busiest come first.")][Range(1, 500)] int limit = 50,
        [Description("Also list pseudo file systems (tmpfs, proc, cgroup…) and virtual interfaces (lo, veth*, docker*…); false leaves them out and counts them in the notes.")] bool include_virtual = false,
        CallTargets? call = null,
        IProgress<ProgressNotificationValue>? progress = null,
        CancellationToken cancellationToken = default) =>
        fanOut.RunAsync(call, target, (runner, ct) => MetricsCollector.CollectAsync(runner, seconds, limit, include_virtual, clock, ct), McpProgress.ForHosts(progress), cancellationToken);
}
