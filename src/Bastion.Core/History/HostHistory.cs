using System.ComponentModel;

namespace Bastion.Core.History;

/// <summary>One host's history over the window.</summary>
public sealed record HostHistory(
    [property: Description("Inventory name.")] string Host,
    [property: Description("The sources of its series, '+'-joined in the order asked: bastion-collector (Bastion's store) first, then sysstat (sar data on the host) or the platform's own history (alpacon, cloudways, cloudstack) for what the store does not cover.")] string Source,
    [property: Description("Bastion's collector in the window: ticks, gaps and unreachable spans.")] HistoryCoverage Coverage,
    [property: Description("The series asked for.")] IReadOnlyList<HistorySeries> Series,
    [property: Description("With metric 'processes': the top processes by CPU and RSS of the busiest recorded ticks in the window (at most 5 ticks).")] IReadOnlyList<ProcessesAt> Processes,
    [property: Description("Each source asked, in order: the part of the window it was asked for, what it covers, and why it gave nothing when it did not.")] IReadOnlyList<SourceCoverage> Sources);
