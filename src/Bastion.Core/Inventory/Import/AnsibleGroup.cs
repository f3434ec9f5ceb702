namespace Bastion.Core.Inventory.Import;

/// <summary>A group of an Ansible inventory while it is read: its parents (through <c>:children</c>) and its variables.</summary>
/// <param name="name">The group's name as written.</param>
/// <param name="listed">Whether the name goes on its hosts' <see cref="Host.Groups"/>.</param>
internal sealed class AnsibleGroup(string name, bool listed)
{
    public string Name { get; } = name;

    /// <summary>Whether the name goes on its hosts' groups: not for <c>all</c>, <c>ungrouped</c> and invalid names.</summary>
    public bool Listed { get; } = listed;

    /// <summary>The groups that list this one in their <c>:children</c> section.</summary>
    public List<AnsibleGroup> Parents { get; } = [];

    /// <summary>The variables of its <c>:vars</c> sections, later lines winning.</summary>
    public Dictionary<string, string> Vars { get; } = new(StringComparer.Ordinal);

    /// <summary>Ansible's depth: 0 for <c>all</c>, 1 for a top-level group, one more than its deepest parent otherwise.</summary>
    public int Depth => Name == AnsibleInventoryReader.All ? 0 : 1 + Parents.Select(p => p.Depth).DefaultIfEmpty(0).Max();

    /// <summary>This group and every group it is inside, directly or through other groups.</summary>
    public IEnumerable<AnsibleGroup> WithAncestors() => Parents.SelectMany(p => p.WithAncestors()).Prepend(this);

    /// <summary>True when this group is <paramref name="other"/> or inside it.</summary>
    public bool IsWithin(AnsibleGroup other) => this == other || Parents.Any(p => p.IsWithin(other));
}
