using System.ComponentModel;
using System.Text.Json;
using Bastion.Providers.CloudStack.Api;

namespace Bastion.Providers.CloudStack.Infrastructure;

/// <summary>A CloudStack zone, from <c>listZones</c>.</summary>
internal sealed record Zone(
    [property: Description("Zone id (UUID); what zone_id parameters take.")] string Id,
    [property: Description("Zone name.")] string? Name,
    [property: Description("Basic or Advanced networking.")] string? NetworkType,
    [property: Description("Enabled or Disabled for new resources.")] string? AllocationState,
    [property: Description("First DNS server handed to VMs.")] string? Dns1,
    [property: Description("True when VMs may use local storage.")] bool? LocalStorageEnabled,
    [property: Description("True when the zone uses security groups.")] bool? SecurityGroupsEnabled)
{
    public static Zone From(JsonElement e) => new(
        e.Str("id") ?? string.Empty,
        e.Str("name"),
        e.Str("networktype"),
        e.Str("allocationstate"),
        e.Str("dns1"),
        e.Flag("localstorageenabled"),
        e.Flag("securitygroupsenabled"));
}
