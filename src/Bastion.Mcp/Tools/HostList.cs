using System.ComponentModel;
using Bastion.Core.Inventory;

namespace Bastion.Mcp.Tools;

/// <summary>Result of hosts_list.</summary>
public sealed record HostList(
    [property: Description("Hosts the target selected.")] int Total,
    [property: Description("Selected hosts in inventory order, at most limit.")] IReadOnlyList<Host> Hosts,
    [property: Description("True when more hosts were selected than returned.")] bool Truncated,
    [property: Description("Every group in the inventory, by name.")] IReadOnlyList<HostGroup> Groups,
    [property: Description("What to know about the list, e.g. a hosting platform whose hosts could not be listed; empty when nothing.")] IReadOnlyList<string> Notes);
