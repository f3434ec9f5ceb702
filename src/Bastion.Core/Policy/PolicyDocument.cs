namespace Bastion.Core.Policy;

/// <summary>What a policy file adds to the built-in policy.</summary>
internal sealed record PolicyDocument(IReadOnlyList<ReadOnlyEntry> ReadOnly, IReadOnlyList<PolicyPattern> Deny, IReadOnlyList<PolicyRule> Rules)
{
    public static PolicyDocument Empty { get; } = new([], [], []);
}
