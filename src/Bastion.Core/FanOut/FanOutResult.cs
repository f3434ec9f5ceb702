using System.ComponentModel;

namespace Bastion.Core.FanOut;

/// <summary>The answer of a call on one or many hosts: a summary first, then each host's outcome in inventory order.</summary>
public sealed record FanOutResult<T>(
    [property: Description("Counts by status and the slowest hosts.")] FanOutSummary Summary,
    [property: Description("Each selected host's outcome, in inventory order; one bad host never fails the others.")] IReadOnlyList<HostOutcome<T>> Hosts)
    where T : class;
