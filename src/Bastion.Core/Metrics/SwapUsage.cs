using System.ComponentModel;

namespace Bastion.Core.Metrics;

/// <summary>Swap in bytes, from <c>/proc/meminfo</c>.</summary>
public sealed record SwapUsage(
    [property: Description("SwapTotal, bytes; 0 when the host has no swap.")] long TotalBytes,
    [property: Description("Swap in use, bytes.")] long UsedBytes,
    [property: Description("SwapFree, bytes.")] long FreeBytes,
    [property: Description("Percent 0-100 of swap in use; 0 without swap.")] double UsedPercent);
