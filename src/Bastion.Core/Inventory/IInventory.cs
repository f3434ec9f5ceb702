namespace Bastion.Core.Inventory;

/// <summary>The hosts Bastion knows. The local host, named <c>local</c>, is always present.</summary>
public interface IInventory
{
    /// <summary>All hosts, in inventory order.</summary>
    IReadOnlyList<Host> Hosts { get; }

    /// <summary>The host named <paramref name="name"/>.</summary>
    /// <exception cref="UnknownHostException">No host has that name; the message lists the known ones.</exception>
    Host Get(string name);
}
