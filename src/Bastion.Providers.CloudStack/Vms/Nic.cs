using System.ComponentModel;
using System.Text.Json;
using Bastion.Providers.CloudStack.Api;

namespace Bastion.Providers.CloudStack.Vms;

/// <summary>A VM's network interface, from the <c>nic</c> array of <c>listVirtualMachines</c>.</summary>
internal sealed record Nic(
    [property: Description("NIC id (UUID).")] string? Id,
    [property: Description("Network it is on (UUID).")] string? NetworkId,
    [property: Description("Name of that network.")] string? NetworkName,
    [property: Description("IPv4 address.")] string? IpAddress,
    [property: Description("True for the default NIC, whose address becomes the host's address.")] bool IsDefault,
    [property: Description("MAC address.")] string? MacAddress)
{
    public static Nic From(JsonElement e) => new(
        e.Str("id"),
        e.Str("networkid"),
        e.Str("networkname"),
        e.Str("ipaddress"),
        e.Flag("isdefault") == true,
        e.Str("macaddress"));
}
