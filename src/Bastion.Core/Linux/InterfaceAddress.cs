using System.ComponentModel;

namespace Bastion.Core.Linux;

/// <summary>One address of a network interface.</summary>
public sealed record InterfaceAddress(
    [property: Description("inet (IPv4) or inet6 (IPv6).")] string Family,
    [property: Description("The address without prefix length.")] string Address,
    [property: Description("Network prefix length in bits.")] int PrefixLength,
    [property: Description("global, link, host, …; null when not printed.")] string? Scope);
