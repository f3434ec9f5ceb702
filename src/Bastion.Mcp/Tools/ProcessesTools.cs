using System.ComponentModel;
using System.ComponentModel.DataAnnotations;
using Bastion.Core.Inventory;
using Bastion.Core.Processes;
using ModelContextProtocol.Server;

namespace Bastion.Mcp.Tools;

/// <summary>Processes of a host.</summary>
[McpServerToolType]
public sealed class ProcessesTools(Fleet fleet)
{
    [McpServerTool(Name = "processes_list", Title = "Top processes", ReadOnly = true, Destructive = false, Idempotent = true, OpenWorld = false, UseStructuredContent = true)]
    [Description("List a host's top processes by CPU (measured over a short window, as top does) or by resident memory. Each process has pid, parent pid, user, command line, CPU percent, RSS in bytes, memory percent, state, threads and start time. Use it to find what is eating CPU or memory.")]
    public Task<ProcessList> ListAsync(
        [Description("Inventory name of the host (see hosts_list).")][MaxLength(200)] string host = "local",
        [Description("Order: 'cpu' (CPU over the window) or 'memory' (RSS).")] ProcessSort sort = ProcessSort.Cpu,
        [Description("Most processes to return (1-200).")][Range(1, 200)] int limit = 15,
        [Description("CPU sample window in seconds (0.1-10).")][Range(0.1, 10.0)] double seconds = 1.0,
        CancellationToken cancellationToken = default) =>
        ProcessCollector.CollectAsync(fleet.RunnerFor(host), sort, limit, seconds, cancellationToken);
}
