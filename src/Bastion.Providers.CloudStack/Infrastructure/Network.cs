using System.ComponentModel;
using System.Text.Json;
using Bastion.Providers.CloudStack.Api;

namespace Bastion.Providers.CloudStack.Infrastructure;

/// <summary>A guest network, from <c>listNetworks</c>.</summary>
internal sealed record Network(
    [property: Description("Network id (UUID); what cloudstack_vms_deploy's network_ids take.")] string Id,
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
        CloudStackJson.Str(e, "id") ?? string.Empty,
        CloudStackJson.Str(e, "name"),
        CloudStackJson.Str(e, "displaytext"),
        CloudStackJson.Str(e, "type"),
        CloudStackJson.Str(e, "state"),
        CloudStackJson.Str(e, "cidr"),
        CloudStackJson.Str(e, "gateway"),
        CloudStackJson.Str(e, "zoneid"),
        CloudStackJson.Str(e, "zonename"),
        CloudStackJson.Bool(e, "isdefault"));
}
