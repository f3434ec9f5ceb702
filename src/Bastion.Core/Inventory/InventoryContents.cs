namespace Bastion.Core.Inventory;

/// <summary>What <see cref="InventoryFile.Read"/> made of <c>inventory.yaml</c>.</summary>
/// <param name="Hosts">The entries that pass <see cref="HostValidator"/>, in file order.</param>
/// <param name="Invalid">The entries left out, in file order, each with why.</param>
public sealed record InventoryContents(IReadOnlyList<Host> Hosts, IReadOnlyList<InvalidHostEntry> Invalid)
{
    /// <summary>An inventory file that does not exist.</summary>
    public static InventoryContents Empty { get; } = new([], []);
}
