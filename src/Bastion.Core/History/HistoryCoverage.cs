using System.ComponentModel;

namespace Bastion.Core.History;

/// <summary>What the store holds of one host in the window.</summary>
public sealed record HistoryCoverage(
    [property: Description("First tick in the window, UTC; null when none.")] DateTimeOffset? FirstSample,
    [property: Description("Last tick in the window, UTC; null when none.")] DateTimeOffset? LastSample,
    [property: Description("Ticks recorded in the window.")] int Ticks,
    [property: Description("Ticks in which the host answered.")] int Answered,
    [property: Description("Stretches longer than 2.5 sample intervals with no tick (the collector was not running); at most 20, latest kept.")] IReadOnlyList<HistorySpan> Gaps,
    [property: Description("Stretches in which the host did not answer (when it stopped answering, and since when it answers again); at most 20, latest kept.")] IReadOnlyList<HistorySpan> Unreachable);
