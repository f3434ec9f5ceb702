using System.ComponentModel;

namespace Bastion.Core.History;

/// <summary>One host's history over the window.</summary>
public sealed record HostHistory(
    [property: Description("Inventory name.")] string Host,
    [property: Description("Where the figures come from: bastion-collector (Bastion's own store, sampled over the host's runner).")] string Source,
    [property: Description("Ticks, gaps and unreachable spans in the window.")] HistoryCoverage Coverage,
    [property: Description("The series asked for.")] IReadOnlyList<HistorySeries> Series,
    [property: Description("With metric 'processes': the top processes by CPU and RSS of the busiest recorded ticks in the window (at most 5 ticks).")] IReadOnlyList<ProcessesAt> Processes);
