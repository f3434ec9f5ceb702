namespace Bastion.Core.Policy;

/// <summary>How much a Bastion server lets its principals change.</summary>
public enum Mode
{
    /// <summary>Only read-only tools, and only commands from the read-only set (the default).</summary>
    ReadOnly,

    /// <summary>Also tools that change things and commands a rule allows, each after the user's confirmation.</summary>
    Operator,

    /// <summary>Also any command that no rule denies, after confirmation.</summary>
    Admin,
}
