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
    [Description("Sample resource use over a short window: CPU per state, load, memory, swap, each file system's usage, network per interface and disk I/O. Use it first when hosts are slow or full.")]
    [SuppressMessage("Naming", "CA1707", Justification = "Tool parameters are snake_case, like every field Bastion returns.")]
    public Task<FanOutResult<MetricsSnapshot>> SampleAsync(
        [Description(ToolText.Target)][StringLength(1000)] string target = "local",
        [Description("Sample window in seconds; rates and CPU are averaged over it.")][Range(0.1, 10.0)] double seconds = 1.0,
        [Description("Most file systems, interfaces and devices each per host; fullest and busiest first.")][Range(1, 500)] int limit = 50,
        [Description("Also list pseudo file systems (tmpfs, proc…) and virtual interfaces (lo, veth*…).")] bool include_virtual = false,
        CallTargets? call = null,
        IProgress<ProgressNotificationValue>? progress = null,
        CancellationToken cancellationToken = default) =>
        fanOut.RunAsync(call, target, (runner, ct) => MetricsCollector.CollectAsync(runner, seconds, limit, include_virtual, clock, ct), McpProgress.ForHosts(progress), cancellationToken);
}
