namespace Bastion.Core.Linux;

/// <summary>Cumulative I/O counters of one block device since boot, from <c>/proc/diskstats</c> (kernel Documentation/admin-guide/iostats.rst).</summary>
/// <param name="Device">Device name, e.g. <c>sda</c>, <c>nvme0n1</c>, <c>vda1</c>, <c>dm-0</c>.</param>
/// <param name="ReadsCompleted">Reads completed.</param>
/// <param name="SectorsRead">512-byte sectors read (always 512, whatever the device's sector size).</param>
/// <param name="ReadMilliseconds">Milliseconds spent by all reads.</param>
/// <param name="WritesCompleted">Writes completed.</param>
/// <param name="SectorsWritten">512-byte sectors written.</param>
/// <param name="WriteMilliseconds">Milliseconds spent by all writes.</param>
/// <param name="IoMilliseconds">Milliseconds the device had I/O in flight (the basis of utilisation %).</param>
public sealed record DiskStatsEntry(
    string Device,
    long ReadsCompleted,
    long SectorsRead,
    long ReadMilliseconds,
    long WritesCompleted,
    long SectorsWritten,
    long WriteMilliseconds,
    long IoMilliseconds)
{
    /// <summary>Bytes in one diskstats sector.</summary>
    public const int SectorBytes = 512;

    private const string Source = "/proc/diskstats";

    /// <summary>
    /// Parses the whole file: one line per device, <c>major minor name</c> then 11 counters (kernels 2.6+), 15 (4.18+,
    /// discards) or 17 (5.5+, flushes). Devices that are not disks
    /// (<see cref="VirtualDevices.IsVirtualBlockDevice"/>) and devices that never did any I/O are left out.
    /// </summary>
    /// <exception cref="FormatException">Empty text, or a line with fewer than 14 fields or a counter that is not a number.</exception>
    public static IReadOnlyList<DiskStatsEntry> Parse(string text)
    {
        ParseText.RequireText(text, Source);
        var result = new List<DiskStatsEntry>();
        foreach (var line in ParseText.Lines(text))
        {
            var f = ParseText.Fields(line);
            if (f.Length < 14)
            {
                throw new FormatException($"{Source}: expected at least 14 fields, got {f.Length}: '{ParseText.Clip(line)}'.");
            }

            var name = f[2];
            long N(int i) => ParseText.Long(f[i], Source, $"field {i + 1} of '{name}'");
            var entry = new DiskStatsEntry(name, N(3), N(5), N(6), N(7), N(9), N(10), N(12));
            if (VirtualDevices.IsVirtualBlockDevice(name) || (entry.ReadsCompleted == 0 && entry.WritesCompleted == 0))
            {
                continue;
            }

            result.Add(entry);
        }

        return result;
    }

    /// <summary>
    /// Whole devices only: a name that extends another listed device's name is a partition of it (<c>sda1</c> of
    /// <c>sda</c>, <c>nvme0n1p2</c> of <c>nvme0n1</c>) and is dropped, so that I/O is not counted twice.
    /// </summary>
    public static IReadOnlyList<DiskStatsEntry> WholeDevices(IReadOnlyList<DiskStatsEntry> entries)
    {
        ArgumentNullException.ThrowIfNull(entries);
        var names = entries.Select(e => e.Device).ToHashSet(StringComparer.Ordinal);
        return entries.Where(e => !names.Any(n => n.Length < e.Device.Length && e.Device.StartsWith(n, StringComparison.Ordinal)
            && char.IsAsciiDigit(e.Device[^1]))).ToList();
    }
}
