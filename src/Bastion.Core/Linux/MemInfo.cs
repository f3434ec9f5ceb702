namespace Bastion.Core.Linux;

/// <summary>Memory and swap figures from <c>/proc/meminfo</c>, converted to bytes.</summary>
/// <param name="TotalBytes">MemTotal.</param>
/// <param name="FreeBytes">MemFree: memory not used at all.</param>
/// <param name="AvailableBytes">MemAvailable: memory available for new work without swapping; estimated as free + buffers + cached on kernels older than 3.14.</param>
/// <param name="BuffersBytes">Buffers.</param>
/// <param name="CachedBytes">Cached plus SReclaimable (page cache and reclaimable slab, as <c>free</c> counts it).</param>
/// <param name="SwapTotalBytes">SwapTotal.</param>
/// <param name="SwapFreeBytes">SwapFree.</param>
public sealed record MemInfo(
    long TotalBytes,
    long FreeBytes,
    long AvailableBytes,
    long BuffersBytes,
    long CachedBytes,
    long SwapTotalBytes,
    long SwapFreeBytes)
{
    private const string Source = "/proc/meminfo";

    /// <exception cref="FormatException">Empty text or no MemTotal line.</exception>
    public static MemInfo Parse(string text)
    {
        ParseText.RequireText(text, Source);
        var kb = new Dictionary<string, long>(StringComparer.Ordinal);
        foreach (var line in ParseText.Lines(text))
        {
            var colon = line.IndexOf(':', StringComparison.Ordinal);
            if (colon <= 0)
            {
                continue;
            }

            var f = ParseText.Fields(line[(colon + 1)..]);
            if (f.Length > 0 && ParseText.LongOrNull(f[0]) is { } value)
            {
                // Values are in KiB ("kB") except the HugePages counters, which have no unit.
                kb[line[..colon]] = f.Length > 1 && f[1] == "kB" ? value * 1024 : value;
            }
        }

        if (!kb.TryGetValue("MemTotal", out var total))
        {
            throw new FormatException($"{Source}: no MemTotal line.");
        }

        long Get(string key) => kb.GetValueOrDefault(key);
        var free = Get("MemFree");
        var buffers = Get("Buffers");
        var cached = Get("Cached") + Get("SReclaimable");
        var available = kb.TryGetValue("MemAvailable", out var a) ? a : Math.Min(total, free + buffers + cached);
        return new MemInfo(total, free, available, buffers, cached, Get("SwapTotal"), Get("SwapFree"));
    }
}
