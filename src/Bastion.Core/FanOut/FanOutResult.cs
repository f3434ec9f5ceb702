using System.ComponentModel;

namespace Bastion.Core.FanOut;

/// <summary>The answer of a call on one or many hosts: a summary first, then each host's outcome in inventory order.</summary>
public sealed record FanOutResult<T>(
    [property: Description("Counts by status and the slowest hosts.")] FanOutSummary Summary,
    [property: Description("Each selected host's outcome, in inventory order; one bad host never fails the others.")] IReadOnlyList<HostOutcome<T>> Hosts)
    : IFanOutOutcome
    where T : class
{
    // Explicit, so that the answer's JSON and its schema stay the summary and the hosts.
    int IFanOutOutcome.TargetCount => Summary.Targets;

    int IFanOutOutcome.OkCount => Summary.Ok;

    IReadOnlyDictionary<string, int>? IFanOutOutcome.ExitCodes =>
        Hosts.Where(h => h.Result is IExitStatus).ToDictionary(h => h.Host, h => ((IExitStatus)h.Result!).ExitCode, StringComparer.Ordinal) is { Count: > 0 } codes
            ? codes
            : null;
}
