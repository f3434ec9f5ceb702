namespace Bastion.Core.History;

/// <summary>How one host's tick went.</summary>
public enum TickStatus
{
    /// <summary>The host answered and its figures were recorded.</summary>
    Ok,

    /// <summary>The host could not be reached (no SSH session, connection refused).</summary>
    Unreachable,

    /// <summary>The host did not answer within the per-host timeout.</summary>
    TimedOut,

    /// <summary>The host answered, but its output could not be read.</summary>
    Failed,
}
