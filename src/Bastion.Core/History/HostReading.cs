using Bastion.Core.Execution;
using Bastion.Core.Linux;

namespace Bastion.Core.History;

/// <summary>
/// The raw counters and gauges of one host at one tick, as <see cref="HistoryScript"/> reads them. Rates come from two
/// readings (<see cref="TickCalculator"/>); a reading alone gives the gauges.
/// </summary>
/// <param name="UptimeSeconds">From <c>/proc/uptime</c>: the clock the counters are compared on.</param>
/// <param name="Stat">From <c>/proc/stat</c>: CPU times and CPU count.</param>
/// <param name="Load">From <c>/proc/loadavg</c>.</param>
/// <param name="Memory">From <c>/proc/meminfo</c>.</param>
/// <param name="FileSystems">Real file systems (pseudo ones left out), from df and <c>/proc/mounts</c>.</param>
/// <param name="Interfaces">From <c>/proc/net/dev</c>; empty when missing.</param>
/// <param name="Disks">Whole block devices from <c>/proc/diskstats</c>; empty when missing.</param>
/// <param name="Processes">From <c>/proc/[pid]/stat</c> and <c>/proc/[pid]/status</c>.</param>
/// <param name="ClockTicksPerSecond">USER_HZ (<c>getconf CLK_TCK</c>; 100 when unknown).</param>
public sealed record HostReading(
    double UptimeSeconds,
    ProcStat Stat,
    LoadAverage Load,
    MemInfo Memory,
    IReadOnlyList<FileSystemReading> FileSystems,
    IReadOnlyList<NetDevCounters> Interfaces,
    IReadOnlyList<DiskStatsEntry> Disks,
    IReadOnlyList<ProcessCounters> Processes,
    long ClockTicksPerSecond)
{
    /// <summary>Reads the sections of <see cref="HistoryScript"/>'s output.</summary>
    /// <exception cref="BastionException">A required source (<c>/proc/uptime</c>, <c>/proc/stat</c>, <c>/proc/loadavg</c>,
    /// <c>/proc/meminfo</c>) is missing or does not parse.</exception>
    public static HostReading From(HostFacts facts)
    {
        ArgumentNullException.ThrowIfNull(facts);
        var rss = facts.TryParse("status", "/proc/[pid]/status", ProcStatusFields.ParseMany) ?? new Dictionary<int, ProcStatusFields>();
        var processes = (facts.TryParse("pids", "/proc/[pid]/stat", ProcPidStat.ParseMany) ?? [])
            .Select(p => new ProcessCounters(p.Pid, p.Name, p.CpuTicks, p.StartTicks, rss.GetValueOrDefault(p.Pid)?.RssBytes ?? 0))
            .ToList();
        return new HostReading(
            facts.Parse("uptime", "/proc/uptime", Uptime.Parse).UptimeSeconds,
            facts.Parse("stat", "/proc/stat", ProcStat.Parse),
            facts.Parse("loadavg", "/proc/loadavg", LoadAverage.Parse),
            facts.Parse("meminfo", "/proc/meminfo", MemInfo.Parse),
            RealFileSystems(facts),
            facts.TryParse("net", "/proc/net/dev", NetDevCounters.Parse) ?? [],
            DiskStatsEntry.WholeDevices(facts.TryParse("diskstats", "/proc/diskstats", DiskStatsEntry.Parse) ?? []),
            processes,
            ParseText.LongOrNull(facts.Optional("clk")?.Trim()) is { } clk and > 0 ? clk : 100);
    }

    private static List<FileSystemReading> RealFileSystems(HostFacts facts)
    {
        var space = facts.TryParse("df", "df -P -k", DiskFreeEntry.Parse) ?? [];
        var inodes = (facts.TryParse("dfi", "df -P -i", DiskFreeEntry.Parse) ?? [])
            .GroupBy(e => e.MountPoint).ToDictionary(g => g.Key, g => g.Last());
        var types = (facts.TryParse("mounts", "/proc/mounts", MountEntry.Parse) ?? [])
            .GroupBy(e => e.MountPoint).ToDictionary(g => g.Key, g => g.Last().FsType);
        return space
            .Where(e => e.Total > 0 && !VirtualDevices.IsPseudoFileSystem(types.GetValueOrDefault(e.MountPoint) ?? e.Filesystem))
            .GroupBy(e => e.MountPoint).Select(g => g.Last())
            .Select(e => new FileSystemReading(
                e.MountPoint,
                e.Total * 1024,
                e.Used * 1024,
                Percent(e.Used, e.Used + e.Available),
                inodes.GetValueOrDefault(e.MountPoint) is { Total: > 0 } i ? Percent(i.Used, i.Total) : null))
            .ToList();
    }

    private static double Percent(long part, long whole) => whole <= 0 ? 0 : Math.Round(part * 100.0 / whole, 2);
}
