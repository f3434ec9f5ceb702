using System.ComponentModel;
using System.Text.Json;
using Bastion.Providers.CloudStack.Api;

namespace Bastion.Providers.CloudStack.Monitoring;

/// <summary>One capacity figure of a zone, pod or cluster, from <c>listCapacity</c> (root administrators only).</summary>
internal sealed record Capacity(
    [property: Description("CloudStack's capacity type code (0 memory, 1 CPU, 2 primary storage, 3 storage allocated, 4 public IPs, 5 private IPs, 6 secondary storage, 7 VLANs, 8 direct-attached public IPs, 9 local storage).")] int? Type,
    [property: Description("The type in words, e.g. memory, cpu, primary_storage; unknown_N for a code newer than Bastion knows.")] string TypeName,
    [property: Description("Unit of total and used: bytes (memory, storage), mhz (CPU) or count (IPs, VLANs).")] string Unit,
    [property: Description("Total capacity (CloudStack 'capacitytotal'), in unit.")] long? Total,
    [property: Description("Used or allocated capacity (CloudStack 'capacityused'), in unit.")] long? Used,
    [property: Description("Used share in percent, 0-100 (CloudStack 'percentused').")] double? PercentUsed,
    [property: Description("Zone id (UUID).")] string? ZoneId,
    [property: Description("Zone name.")] string? ZoneName,
    [property: Description("Pod id, when the figure is per pod.")] string? PodId,
    [property: Description("Cluster id, when the figure is per cluster.")] string? ClusterId)
{
    public static Capacity From(JsonElement e)
    {
        var type = e.Int("type");
        var (name, unit) = type switch
        {
            0 => ("memory", "bytes"),
            1 => ("cpu", "mhz"),
            2 => ("primary_storage", "bytes"),
            3 => ("storage_allocated", "bytes"),
            4 => ("public_ips", "count"),
            5 => ("private_ips", "count"),
            6 => ("secondary_storage", "bytes"),
            7 => ("vlans", "count"),
            8 => ("direct_attached_public_ips", "count"),
            9 => ("local_storage", "bytes"),
            _ => ($"unknown_{type}", "unknown"),
        };
        return new(
            type,
            name,
            unit,
            e.Long("capacitytotal"),
            e.Long("capacityused"),
            e.Num("percentused"),
            e.Str("zoneid"),
            e.Str("zonename"),
            e.Str("podid"),
            e.Str("clusterid"));
    }
}
