namespace Bastion.Core.Inventory.Import;

/// <summary>A host of an Ansible inventory while it is read: the groups that list it and its own variables.</summary>
/// <param name="name">The host's name, ranges expanded.</param>
internal sealed class AnsibleHostEntry(string name)
{
    public string Name { get; } = name;

    /// <summary>The groups whose sections list the host.</summary>
    public HashSet<AnsibleGroup> Groups { get; } = [];

    /// <summary>Variables from its host lines, later lines winning.</summary>
    public Dictionary<string, string> Vars { get; } = new(StringComparer.Ordinal);
}
