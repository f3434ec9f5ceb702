namespace Bastion.Core.FanOut;

/// <summary>How one host's part of a call ended.</summary>
public enum HostStatus
{
    /// <summary>The host answered; its result is there.</summary>
    Ok,

    /// <summary>The host answered, but the work failed; the error says why.</summary>
    Failed,

    /// <summary>The host did not finish within the per-host timeout; its work was ended.</summary>
    TimedOut,

    /// <summary>No session could be established (network, DNS, authentication, host key); the error says which.</summary>
    Unreachable,
}
