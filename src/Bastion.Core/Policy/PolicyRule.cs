namespace Bastion.Core.Policy;

/// <summary>A rule of the policy file: for hosts in some groups (or every host), what operator mode may run and what never runs.</summary>
internal sealed record PolicyRule(IReadOnlyList<string> Groups, IReadOnlyList<PolicyPattern> Allow, IReadOnlyList<PolicyPattern> Deny, bool Shell, string Origin)
{
    /// <summary>True when the rule has no groups or shares one with <paramref name="hostGroups"/>.</summary>
    public bool AppliesTo(IReadOnlyList<string> hostGroups) =>
        Groups.Count == 0 || Groups.Any(g => hostGroups.Contains(g, StringComparer.Ordinal));
}
