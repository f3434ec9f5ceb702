using System.Globalization;
using Bastion.Core.Execution;
using Bastion.Core.Linux;

namespace Bastion.Core.Metrics;

/// <summary>Samples a host's metrics in one round trip: counters are read, the host sleeps for the window, and they are read again.</summary>
public static class MetricsCollector
{
    private static readonly string Script = new ScriptSections()
        .Add("uptime1", "cat /proc/uptime")
        .Add("stat1", "cat /proc/stat")
        .Add("net1", "cat /proc/net/dev")
        .Add("diskstats1", "cat /proc/diskstats")
        .Then("sleep \"$1\"")
        .Add("uptime2", "cat /proc/uptime")
        .Add("stat2", "cat /proc/stat")
        .Add("net2", "cat /proc/net/dev")
        .Add("diskstats2", "cat /proc/diskstats")
        .Add("loadavg", "cat /proc/loadavg")
        .Add("meminfo", "cat /proc/meminfo")
        .Add("df", "df -P -k")
        .Add("dfi", "df -P -i")
        .Add("mounts", "cat /proc/mounts")
        .ToString();

    /// <summary>
    /// Samples the runner's host over <paramref name="sampleSeconds"/>; lists are cut to <paramref name="limit"/> entries
    /// each. Pseudo file systems and virtual interfaces (<see cref="VirtualDevices"/>) are left out, and counted in the
    /// notes, unless <paramref name="includeVirtual"/>.
    /// </summary>
    /// <exception cref="BastionException">A required /proc file is missing or unreadable.</exception>
    public static async Task<MetricsSnapshot> CollectAsync(IHostRunner runner, double sampleSeconds, int limit, bool includeVirtual, TimeProvider clock, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(runner);
        ArgumentNullException.ThrowIfNull(clock);
        var facts = await runner.ReadFactsAsync(Script, cancellationToken, sampleSeconds.ToString("0.###", CultureInfo.InvariantCulture));
        var sampledAt = clock.GetUtcNow();
        var notes = new List<string>();

        var window = facts.Parse("uptime2", "/proc/uptime", Uptime.Parse).UptimeSeconds - facts.Parse("uptime1", "/proc/uptime", Uptime.Parse).UptimeSeconds;
        if (window <= 0)
        {
            window = sampleSeconds;
        }

        var stat1 = facts.Parse("stat1", "/proc/stat", ProcStat.Parse);
        var stat2 = facts.Parse("stat2", "/proc/stat", ProcStat.Parse);
        var cpu = CpuUsage.Between(stat1.Total, stat2.Total, stat2.CpuCount);
        var load = facts.Parse("loadavg", "/proc/loadavg", LoadAverage.Parse);
        var mem = facts.Parse("meminfo", "/proc/meminfo", MemInfo.Parse);

        var disks = Disks(facts, notes);
        List<DiskUsage> pseudo = includeVirtual ? [] : disks.Where(d => VirtualDevices.IsPseudoFileSystem(d.FsType ?? d.Filesystem)).ToList();
        var (diskRows, diskTotal, _) = Limits.Take(disks.Except(pseudo).ToList(), limit);
        AddCutNote(notes, diskRows.Count, diskTotal, "file systems");

        var network = Network(facts, window, notes);
        List<NetworkThroughput> virtualInterfaces = includeVirtual ? [] : network.Where(n => VirtualDevices.IsVirtualInterface(n.Interface)).ToList();
        var (netRows, netTotal, _) = Limits.Take(network.Except(virtualInterfaces).ToList(), limit);
        AddCutNote(notes, netRows.Count, netTotal, "network interfaces");

        var io = DiskIoRates(facts, window, notes);
        var (ioRows, ioTotal, _) = Limits.Take(io, limit);
        AddCutNote(notes, ioRows.Count, ioTotal, "block devices");

        if (LeftOutNote(pseudo.Select(d => d.MountPoint), "pseudo file system", virtualInterfaces.Select(n => n.Interface), "virtual interface") is { } leftOut)
        {
            notes.Add(leftOut);
        }

        return new MetricsSnapshot(
            runner.HostName,
            sampledAt,
            Math.Round(window, 2),
            cpu,
            new LoadSummary(load.One, load.Five, load.Fifteen, cpu.CpuCount > 0 ? Math.Round(load.One / cpu.CpuCount, 2) : load.One, load.Runnable, load.Total),
            Memory(mem),
            Swap(mem),
            diskRows,
            netRows,
            ioRows,
            notes);
    }

    internal static MemoryUsage Memory(MemInfo m)
    {
        var used = Math.Max(0, m.TotalBytes - m.FreeBytes - m.BuffersBytes - m.CachedBytes);
        return new MemoryUsage(
            m.TotalBytes,
            used,
            m.FreeBytes,
            m.AvailableBytes,
            m.BuffersBytes + m.CachedBytes,
            Percent(m.TotalBytes - m.AvailableBytes, m.TotalBytes));
    }

    internal static SwapUsage Swap(MemInfo m)
    {
        var used = Math.Max(0, m.SwapTotalBytes - m.SwapFreeBytes);
        return new SwapUsage(m.SwapTotalBytes, used, m.SwapFreeBytes, Percent(used, m.SwapTotalBytes));
    }

    private static List<DiskUsage> Disks(HostFacts facts, List<string> notes)
    {
        var space = facts.TryParse("df", "df -P -k", DiskFreeEntry.Parse);
        if (space is null)
        {
            notes.Add("Disk usage is not available: df is missing on this host.");
            return [];
        }

        var inodes = (facts.TryParse("dfi", "df -P -i", DiskFreeEntry.Parse) ?? [])
            .GroupBy(e => e.MountPoint).ToDictionary(g => g.Key, g => g.Last());
        var types = (facts.TryParse("mounts", "/proc/mounts", MountEntry.Parse) ?? [])
            .GroupBy(e => e.MountPoint).ToDictionary(g => g.Key, g => g.Last().FsType);

        return space
            .Where(e => e.Total > 0)
            .GroupBy(e => e.MountPoint).Select(g => g.Last())
            .Select(e =>
            {
                var i = inodes.GetValueOrDefault(e.MountPoint) is { Total: > 0 } found ? found : null;
                return new DiskUsage(
                    e.MountPoint,
                    e.Filesystem,
                    types.GetValueOrDefault(e.MountPoint),
                    e.Total * 1024,
                    e.Used * 1024,
                    e.Available * 1024,
                    Percent(e.Used, e.Used + e.Available),
                    i?.Total,
                    i?.Used,
                    i is null ? null : Percent(i.Used, i.Total));
            })
            .OrderByDescending(d => d.UsedPercent)
            .ThenBy(d => d.MountPoint, StringComparer.Ordinal)
            .ToList();
    }

    private static List<NetworkThroughput> Network(HostFacts facts, double window, List<string> notes)
    {
        var before = facts.TryParse("net1", "/proc/net/dev", NetDevCounters.Parse);
        var after = facts.TryParse("net2", "/proc/net/dev", NetDevCounters.Parse);
        if (before is null || after is null)
        {
            notes.Add("Network throughput is not available: /proc/net/dev is missing on this host.");
            return [];
        }

        var first = before.ToDictionary(c => c.Interface);
        return after
            .Select(a =>
            {
                var b = first.GetValueOrDefault(a.Interface) ?? a;
                double Rate(long delta) => Math.Round(Math.Max(0, delta) / window, 1);
                return new NetworkThroughput(
                    a.Interface,
                    Rate(a.RxBytes - b.RxBytes),
                    Rate(a.TxBytes - b.TxBytes),
                    Rate(a.RxPackets - b.RxPackets),
                    Rate(a.TxPackets - b.TxPackets),
                    a.RxErrors,
                    a.TxErrors,
                    a.RxDrops,
                    a.TxDrops,
                    Math.Max(0, a.RxErrors + a.RxDrops + a.TxErrors + a.TxDrops - b.RxErrors - b.RxDrops - b.TxErrors - b.TxDrops));
            })
            .OrderByDescending(n => n.RxBytesPerSecond + n.TxBytesPerSecond)
            .ThenBy(n => n.Interface, StringComparer.Ordinal)
            .ToList();
    }

    private static List<DiskIo> DiskIoRates(HostFacts facts, double window, List<string> notes)
    {
        var before = facts.TryParse("diskstats1", "/proc/diskstats", DiskStatsEntry.Parse);
        var after = facts.TryParse("diskstats2", "/proc/diskstats", DiskStatsEntry.Parse);
        if (before is null || after is null)
        {
            notes.Add("Disk I/O is not available: /proc/diskstats is missing on this host.");
            return [];
        }

        return DiskIo.Between(DiskStatsEntry.WholeDevices(before), DiskStatsEntry.WholeDevices(after), window)
            .OrderByDescending(d => d.UtilPercent)
            .ThenByDescending(d => d.ReadBytesPerSecond + d.WriteBytesPerSecond)
            .ThenBy(d => d.Device, StringComparer.Ordinal)
            .ToList();
    }

    /// <summary>"Left out 3 pseudo file systems (/dev, /run, /sys/fs/cgroup) and 1 virtual interface (lo); include_virtual: true lists them."</summary>
    internal static string? LeftOutNote(IEnumerable<string> first, string firstWhat, IEnumerable<string> second, string secondWhat)
    {
        static string? Part(IEnumerable<string> names, string what)
        {
            var list = names.ToList();
            if (list.Count == 0)
            {
                return null;
            }

            var shown = string.Join(", ", list.Take(8)) + (list.Count > 8 ? ", …" : "");
            return $"{list.Count} {what}{(list.Count == 1 ? "" : "s")} ({shown})";
        }

        var parts = new[] { Part(first, firstWhat), Part(second, secondWhat) }.OfType<string>().ToList();
        return parts.Count == 0 ? null : $"Left out {string.Join(" and ", parts)}; include_virtual: true lists them.";
    }

    private static double Percent(long part, long whole) => whole <= 0 ? 0 : Math.Round(part * 100.0 / whole, 1);

    private static void AddCutNote(List<string> notes, int returned, int total, string what)
    {
        if (Limits.CutNote(returned, total, what) is { } note)
        {
            notes.Add(note);
        }
    }
}
