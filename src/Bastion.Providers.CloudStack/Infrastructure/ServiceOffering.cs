using System.ComponentModel;
using System.Text.Json;
using Bastion.Providers.CloudStack.Api;

namespace Bastion.Providers.CloudStack.Infrastructure;

/// <summary>A compute (service) offering, from <c>listServiceOfferings</c>.</summary>
internal sealed record ServiceOffering(
    [property: Description("Offering id (UUID); what cloudstack_vm_control's service_offering_id takes (deploy).")] string Id,
    [property: Description("Offering name.")] string? Name,
    [property: Description("Longer description.")] string? DisplayText,
    [property: Description("Virtual CPUs (CloudStack 'cpunumber'); null for a custom offering.")] int? CpuNumber,
    [property: Description("CPU speed in MHz (CloudStack 'cpuspeed').")] int? CpuSpeedMhz,
    [property: Description("Memory in MiB, as CloudStack gives it ('memory').")] long? MemoryMb,
    [property: Description("Storage type: shared or local.")] string? StorageType,
    [property: Description("True when VMs get high availability (restarted elsewhere on failure).")] bool? OfferHa,
    [property: Description("True when CPU and memory are chosen at deploy.")] bool? IsCustomized)
{
    public static ServiceOffering From(JsonElement e) => new(
        e.Str("id") ?? string.Empty,
        e.Str("name"),
        e.Str("displaytext"),
        e.Int("cpunumber"),
        e.Int("cpuspeed"),
        e.Long("memory"),
        e.Str("storagetype"),
        e.Flag("offerha"),
        e.Flag("iscustomized"));
}
