using System.ComponentModel;
using System.Text.Json;
using Bastion.Providers.CloudStack.Api;

namespace Bastion.Providers.CloudStack.Volumes;

/// <summary>A volume snapshot, from <c>listSnapshots</c> or a <c>createSnapshot</c> job.</summary>
internal sealed record Snapshot(
    [property: Description("Snapshot id (UUID).")] string Id,
    [property: Description("Snapshot name.")] string? Name,
    [property: Description("BackedUp (usable), Creating, BackingUp, Error…")] string? State,
    [property: Description("The volume it was taken of (UUID).")] string? VolumeId,
    [property: Description("That volume's name.")] string? VolumeName,
    [property: Description("ROOT or DATADISK: the kind of volume it was taken of.")] string? VolumeType,
    [property: Description("MANUAL or RECURRING.")] string? SnapshotType,
    [property: Description("Size it takes in storage, bytes (CloudStack 'physicalsize').")] long? PhysicalSizeBytes,
    [property: Description("Size of the volume it restores, bytes (CloudStack 'virtualsize').")] long? VirtualSizeBytes,
    [property: Description("Zone id (UUID).")] string? ZoneId,
    [property: Description("When it was taken (UTC).")] DateTimeOffset? Created)
{
    public static Snapshot From(JsonElement e) => new(
        e.Str("id") ?? string.Empty,
        e.Str("name"),
        e.Str("state"),
        e.Str("volumeid"),
        e.Str("volumename"),
        e.Str("volumetype"),
        e.Str("snapshottype"),
        e.Long("physicalsize"),
        e.Long("virtualsize"),
        e.Str("zoneid"),
        e.Time("created"));
}
