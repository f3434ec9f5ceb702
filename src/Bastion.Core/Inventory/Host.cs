using System.ComponentModel;

namespace Bastion.Core.Inventory;

/// <summary>A host in the inventory.</summary>
public sealed record Host(
    [property: Description("Inventory name; what every tool's host parameter takes.")] string Name,
    [property: Description("How Bastion reaches it: local (the machine Bastion runs on).")] HostKind Kind,
    [property: Description("Network address or host name; 'localhost' for the local host.")] string Address,
    [property: Description("Groups the host belongs to.")] IReadOnlyList<string> Groups,
    [property: Description("Free-form key/value labels.")] IReadOnlyDictionary<string, string> Labels);
