namespace Bastion.Core.Policy;

/// <summary>What the policy says about one command.</summary>
public enum CommandVerdict
{
    /// <summary>The command does not run; the reason says why and what is accepted.</summary>
    Refused,

    /// <summary>The command is in the read-only set and runs without confirmation.</summary>
    ReadOnly,

    /// <summary>The command may run once a person confirms it.</summary>
    NeedsConfirmation,
}
