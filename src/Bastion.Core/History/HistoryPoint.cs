using System.ComponentModel;

namespace Bastion.Core.History;

/// <summary>One point of a series: the mean of the samples in one step.</summary>
public sealed record HistoryPoint(
    [property: Description("Start of the step, UTC ISO 8601.")] DateTimeOffset Time,
    [property: Description("Mean of the samples in the step, in the series' unit.")] double Value);
