namespace Bastion.Core.Inventory;

/// <summary>The inventory of a Bastion with no configuration: the local host alone.</summary>
public sealed class LocalInventory : IInventory
{
    public IReadOnlyList<Host> Hosts { get; } = [Host.Local];

    public Host Get(string name) =>
        Hosts.FirstOrDefault(h => h.Name == name) ?? throw new UnknownHostException(name, Hosts.Select(h => h.Name));
}
