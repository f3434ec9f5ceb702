using System.ComponentModel;

namespace Bastion.Core.Metrics;

/// <summary>Memory in bytes, from <c>/proc/meminfo</c>, counted as <c>free</c> counts it.</summary>
public sealed record MemoryUsage(
    [property: Description("MemTotal, bytes.")] long TotalBytes,
    [property: Description("Bytes in use by processes and the kernel: total - free - buffers - cache.")] long UsedBytes,
    [property: Description("MemFree: bytes not used at all.")] long FreeBytes,
    [property: Description("MemAvailable: bytes available for new work without swapping.")] long AvailableBytes,
    [property: Description("Buffers plus page cache plus reclaimable slab, bytes.")] long CacheBytes,
    [property: Description("Percent 0-100 of total not available: (total - available) / total.")] double UsedPercent);
