using System.ComponentModel;
using System.Text.Json;
using Bastion.Providers.CloudStack.Api;

namespace Bastion.Providers.CloudStack.Infrastructure;

/// <summary>A guest network, from <c>listNetworks</c>.</summary>
internal sealed record Network(
    [property: Description("Network id (UUID); what cloudstack_vm_control's network_ids take (deploy).")] string Id,
    [property: Description("Network name.")] string? Name,
    [property: Description("Longer description.")] string? DisplayText,
    [property: Description("Isolated, Shared or L2.")] string? Type,
    [property: Description("Allocated, Implemented, Setup…")] string? State,
    [property: Description("Guest CIDR, e.g. 10.1.1.0/24.")] string? Cidr,
    [property: Description("Gateway address.")] string? Gateway,
    [property: Description("Zone id (UUID).")] string? ZoneId,
    [property: Description("Zone name.")] string? ZoneName,
    [property: Description("True for the account's default network.")] bool? IsDefault)
{
    public static Network From(JsonElement e) => new(
        e.Str("id") ?? string.Empty,
        e.Str("name"),
        e.Str("displaytext"),
        e.Str("type"),
        e.Str("state"),
        e.Str("cidr"),
        e.Str("gateway"),
        e.Str("zoneid"),
        e.Str("zonename"),
        e.Flag("isdefault"));
}
