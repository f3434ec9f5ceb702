using System.ComponentModel;
using System.Text.Json;
using Bastion.Providers.CloudStack.Api;

namespace Bastion.Providers.CloudStack.Infrastructure;

/// <summary>A disk volume, from <c>listVolumes</c>.</summary>
internal sealed record Volume(
    [property: Description("Volume id (UUID).")] string Id,
    [property: Description("Volume name.")] string? Name,
    [property: Description("ROOT (the VM's system disk) or DATADISK.")] string? Type,
    [property: Description("Size in bytes (CloudStack 'size').")] long? SizeBytes,
    [property: Description("Allocated, Ready, Destroy…")] string? State,
    [property: Description("VM the volume is attached to (UUID); null when detached.")] string? VirtualMachineId,
    [property: Description("Name of that VM.")] string? VmName,
    [property: Description("Zone id (UUID).")] string? ZoneId,
    [property: Description("Zone name.")] string? ZoneName,
    [property: Description("Primary storage pool it lives on.")] string? Storage,
    [property: Description("When it was created (UTC).")] DateTimeOffset? Created)
{
    public static Volume From(JsonElement e) => new(
        e.Str("id") ?? string.Empty,
        e.Str("name"),
        e.Str("type"),
        e.Long("size"),
        e.Str("state"),
        e.Str("virtualmachineid"),
        e.Str("vmname"),
        e.Str("zoneid"),
        e.Str("zonename"),
        e.Str("storage"),
        e.Time("created"));
}
