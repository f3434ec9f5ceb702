using System.ComponentModel;
using System.Text.Json.Serialization;

namespace Bastion.Core.History;

/// <summary>
/// One point of a series: the mean of the samples in one step. The time is a number (Unix seconds), not an ISO 8601
/// string: a day's answer carries hundreds of points, and numbers cost the answer neither string formatting nor the
/// redaction pass that every string of a result goes through.
/// </summary>
public sealed record HistoryPoint(
    [property: Description("Start of the step, Unix time in seconds (UTC).")] long UnixTime,
    [property: Description("Mean of the samples in the step, in the series' unit.")] double Value)
{
    /// <summary>The start of the step, as a time (not serialised).</summary>
    [JsonIgnore]
    public DateTimeOffset Time => DateTimeOffset.FromUnixTimeSeconds(UnixTime);
}
