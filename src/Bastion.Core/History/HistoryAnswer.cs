using System.ComponentModel;

namespace Bastion.Core.History;

/// <summary>The answer of metrics_history.</summary>
public sealed record HistoryAnswer(
    [property: Description("Start of the window, UTC.")] DateTimeOffset Since,
    [property: Description("End of the window, UTC.")] DateTimeOffset Until,
    [property: Description("Width of one point, seconds.")] double StepSeconds,
    [property: Description("The collector's sample interval, seconds; null when no collector ever wrote this store.")] double? SampleIntervalSeconds,
    [property: Description("One entry per host.")] IReadOnlyList<HostHistory> Hosts,
    [property: Description("What was clamped, cut or missing.")] IReadOnlyList<string> Notes);
