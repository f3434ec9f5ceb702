using System.ComponentModel;
using System.Globalization;
using System.Text.Json;
using Bastion.Providers.CloudStack.Api;

namespace Bastion.Providers.CloudStack.Vms;

/// <summary>One VM's metrics, from <c>listVirtualMachinesMetrics</c> (CloudStack's last stats collection; null where CloudStack gives none, e.g. a stopped VM).</summary>
internal sealed record VmMetrics(
    [property: Description("VM id (UUID).")] string Id,
    [property: Description("VM name.")] string? Name,
    [property: Description("Running, Stopped…")] string? State,
    [property: Description("Virtual CPUs.")] int? Cpus,
    [property: Description("CPU used, percent 0-100 (CloudStack 'cpuused').")] double? CpuUsedPercent,
    [property: Description("Memory of the VM, bytes (CloudStack 'memorykbs' × 1024).")] long? MemoryTotalBytes,
    [property: Description("Memory free inside the guest, bytes ('memoryintfreekbs' × 1024; needs the balloon driver).")] long? MemoryFreeBytes,
    [property: Description("Memory used, percent 0-100, from the two above.")] double? MemoryUsedPercent,
    [property: Description("Network received in CloudStack's collection, KiB ('networkkbsread').")] long? NetworkReadKib,
    [property: Description("Network sent in CloudStack's collection, KiB ('networkkbswrite').")] long? NetworkWriteKib,
    [property: Description("Disk read in CloudStack's collection, KiB ('diskkbsread').")] long? DiskReadKib,
    [property: Description("Disk written in CloudStack's collection, KiB ('diskkbswrite').")] long? DiskWriteKib,
    [property: Description("Disk read operations ('diskioread').")] long? DiskReadOps,
    [property: Description("Disk write operations ('diskiowrite').")] long? DiskWriteOps)
{
    public static VmMetrics From(JsonElement e)
    {
        var total = e.Long("memorykbs") is > 0 and var kb ? kb * 1024 : (long?)null;
        var free = e.Long("memoryintfreekbs") is >= 0 and var f ? f * 1024 : (long?)null;
        return new VmMetrics(
            e.Str("id") ?? string.Empty,
            e.Str("name"),
            e.Str("state"),
            e.Int("cpunumber"),
            Percent(e.Str("cpuused")),
            total,
            free,
            total is { } t && free is { } fr && fr <= t ? Math.Round((t - fr) * 100.0 / t, 2) : null,
            e.Long("networkkbsread"),
            e.Long("networkkbswrite"),
            e.Long("diskkbsread"),
            e.Long("diskkbswrite"),
            e.Long("diskioread"),
            e.Long("diskiowrite"));
    }

    private static double? Percent(string? text) =>
        text is not null && double.TryParse(text.TrimEnd('%', ' '), NumberStyles.Float, CultureInfo.InvariantCulture, out var value) ? Math.Round(value, 2) : null;
}
