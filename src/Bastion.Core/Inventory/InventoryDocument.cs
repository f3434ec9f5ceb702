namespace Bastion.Core.Inventory;

/// <summary>The whole of <c>inventory.yaml</c>.</summary>
internal sealed class InventoryDocument
{
    public List<InventoryEntry>? Hosts { get; set; }
}
