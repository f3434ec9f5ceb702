namespace Bastion.Core.FanOut;

/// <summary>
/// What a call on one or many hosts came to, as values: how many hosts it selected, how many answered, and the exit code
/// of each host whose result carries one (see <see cref="IExitStatus"/>). The call pipeline's outcome step reads these
/// (audit entry, <c>bastion.tool.calls</c> outcome) from the typed result instead of from its serialized JSON.
/// </summary>
public interface IFanOutOutcome
{
    /// <summary>Hosts the target selected.</summary>
    int TargetCount { get; }

    /// <summary>Hosts that answered (status ok).</summary>
    int OkCount { get; }

    /// <summary>Exit code by host name, for the hosts that answered with one; null when none did.</summary>
    IReadOnlyDictionary<string, int>? ExitCodes { get; }
}
