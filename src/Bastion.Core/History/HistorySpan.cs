using System.ComponentModel;

namespace Bastion.Core.History;

/// <summary>A stretch of time in a host's coverage.</summary>
public sealed record HistorySpan(
    [property: Description("Start, UTC ISO 8601.")] DateTimeOffset From,
    [property: Description("End, UTC ISO 8601.")] DateTimeOffset To,
    [property: Description("Why: 'no samples' for a gap, else the host's status (unreachable, timed_out, failed) and its error.")] string Reason);
