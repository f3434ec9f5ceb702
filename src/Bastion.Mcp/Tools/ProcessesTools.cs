using System.ComponentModel;
using System.ComponentModel.DataAnnotations;
using Bastion.Core.FanOut;
using Bastion.Core.Processes;
using ModelContextProtocol;
using Bastion.Core.Policy;
using Bastion.Mcp.Catalog;
using ModelContextProtocol.Server;

namespace Bastion.Mcp.Tools;

/// <summary>Processes of hosts.</summary>
[McpServerToolType]
[Toolset("processes", Scopes.MetricsRead)]
public sealed class ProcessesTools(FanOutRunner fanOut)
{
    [McpServerTool(Name = "processes_list", Title = "Top processes", ReadOnly = true, Destructive = false, Idempotent = true, OpenWorld = false, UseStructuredContent = true)]
    [Description("Top processes by CPU (over a short window) or resident memory: pid, parent, user, command line, CPU and memory use, state, threads, start time.")]
    public Task<FanOutResult<ProcessList>> ListAsync(
        [Description(ToolText.Target)][StringLength(1000)] string target = "local",
        [Description("Order: 'cpu' (CPU over the window) or 'memory' (RSS).")] ProcessSort sort = ProcessSort.Cpu,
        [Description("Most processes per host.")][Range(1, 200)] int limit = 15,
        [Description("CPU sample window in seconds.")][Range(0.1, 10.0)] double seconds = 1.0,
        CallTargets? call = null,
        IProgress<ProgressNotificationValue>? progress = null,
        CancellationToken cancellationToken = default) =>
        fanOut.RunAsync(call, target, (runner, ct) => ProcessCollector.CollectAsync(runner, sort, limit, seconds, ct), McpProgress.ForHosts(progress), cancellationToken);
}
