using System.ComponentModel;
using Bastion.Core.Inventory;

namespace Bastion.Mcp.Tools;

/// <summary>Result of hosts_list.</summary>
public sealed record HostList(
    [property: Description("Hosts that matched the filter.")] int Total,
    [property: Description("Hosts in inventory order, at most limit.")] IReadOnlyList<Host> Hosts,
    [property: Description("True when more hosts matched than were returned.")] bool Truncated);
