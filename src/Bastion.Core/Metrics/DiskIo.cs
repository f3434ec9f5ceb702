using System.ComponentModel;
using Bastion.Core.Linux;

namespace Bastion.Core.Metrics;

/// <summary>
/// I/O of one whole block device between two readings of <c>/proc/diskstats</c> (as <c>iostat -x</c> computes it);
/// the one arithmetic used by <c>metrics_sample</c> and by the history collector.
/// </summary>
public sealed record DiskIo(
    [property: Description("Whole block device, e.g. vda, sda, nvme0n1, dm-0 (partitions, loop and RAM devices are never listed).")] string Device,
    [property: Description("Reads completed per second over the window.")] double ReadsPerSecond,
    [property: Description("Writes completed per second over the window.")] double WritesPerSecond,
    [property: Description("Bytes read per second over the window.")] double ReadBytesPerSecond,
    [property: Description("Bytes written per second over the window.")] double WriteBytesPerSecond,
    [property: Description("Average time per completed read or write in milliseconds, queueing included (iostat's await); 0 when none completed.")] double AwaitMs,
    [property: Description("Percent 0-100 of the window the device had I/O in flight; near 100 means saturated (for SSDs and arrays, only a hint).")] double UtilPercent)
{
    /// <summary>The rates between two readings of the same device taken <paramref name="seconds"/> apart.</summary>
    /// <returns>Null when the window is not positive or the counters went backwards (a reboot or a reset).</returns>
    public static DiskIo? Between(DiskStatsEntry before, DiskStatsEntry after, double seconds)
    {
        ArgumentNullException.ThrowIfNull(before);
        ArgumentNullException.ThrowIfNull(after);
        if (seconds <= 0 || after.ReadsCompleted < before.ReadsCompleted || after.WritesCompleted < before.WritesCompleted)
        {
            return null;
        }

        var reads = after.ReadsCompleted - before.ReadsCompleted;
        var writes = after.WritesCompleted - before.WritesCompleted;
        var waited = Math.Max(0, after.ReadMilliseconds - before.ReadMilliseconds + after.WriteMilliseconds - before.WriteMilliseconds);
        var util = Math.Min(100, Math.Max(0, after.IoMilliseconds - before.IoMilliseconds) / (seconds * 10));
        double Bytes(long sectors) => Math.Round(Math.Max(0, sectors) * (double)DiskStatsEntry.SectorBytes / seconds, 1);
        return new DiskIo(
            after.Device,
            Math.Round(reads / seconds, 2),
            Math.Round(writes / seconds, 2),
            Bytes(after.SectorsRead - before.SectorsRead),
            Bytes(after.SectorsWritten - before.SectorsWritten),
            reads + writes > 0 ? Math.Round((double)waited / (reads + writes), 2) : 0,
            Math.Round(util, 2));
    }

    /// <summary>Every device present in both readings, matched by name; devices whose counters went backwards are left out.</summary>
    public static IReadOnlyList<DiskIo> Between(IReadOnlyList<DiskStatsEntry> before, IReadOnlyList<DiskStatsEntry> after, double seconds)
    {
        ArgumentNullException.ThrowIfNull(before);
        ArgumentNullException.ThrowIfNull(after);
        var first = before.GroupBy(d => d.Device, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal);
        return after
            .Select(a => first.GetValueOrDefault(a.Device) is { } b ? Between(b, a, seconds) : null)
            .OfType<DiskIo>()
            .ToList();
    }
}
