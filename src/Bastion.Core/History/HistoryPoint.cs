using System.Text.Json.Serialization;

namespace Bastion.Core.History;

/// <summary>
/// One point of a series: the mean of the samples in one step. Written as the pair <c>[unix_time, value]</c>
/// (<see cref="HistoryPointJsonConverter"/>): the time a number (Unix seconds), not an ISO 8601 string, and no member
/// names, because a day's answer carries hundreds of points; numbers also cost the answer neither string formatting nor
/// the redaction pass that every string of a result goes through.
/// </summary>
/// <param name="UnixTime">Start of the step, Unix time in seconds (UTC).</param>
/// <param name="Value">Mean of the samples in the step, in the series' unit.</param>
[JsonConverter(typeof(HistoryPointJsonConverter))]
public sealed record HistoryPoint(long UnixTime, double Value)
{
    /// <summary>The start of the step, as a time (not serialised).</summary>
    [JsonIgnore]
    public DateTimeOffset Time => DateTimeOffset.FromUnixTimeSeconds(UnixTime);
}
