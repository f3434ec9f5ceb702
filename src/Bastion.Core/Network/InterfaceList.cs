using System.ComponentModel;
using Bastion.Core.Linux;

namespace Bastion.Core.Network;

/// <summary>Network interfaces of a host.</summary>
public sealed record InterfaceList(
    [property: Description("Inventory name of the host.")] string Host,
    [property: Description("Interfaces on the host.")] int Total,
    [property: Description("Interfaces in kernel order, at most limit.")] IReadOnlyList<NetworkInterface> Interfaces,
    [property: Description("True when more interfaces exist than were returned.")] bool Truncated);
