using Bastion.Core.Linux;

namespace Bastion.Core.History;

/// <summary>
/// Turns a host's reading into a tick's figures: gauges from the reading itself, rates (CPU by state, network, disk I/O,
/// process CPU) from the counters of the previous reading over the uptime between the two. Counters that went
/// backwards (a reboot, a counter reset) give no rate for that tick.
/// </summary>
public static class TickCalculator
{
    /// <summary>Processes kept per ranking.</summary>
    public const int TopProcesses = 5;

    /// <summary>The figures of one tick.</summary>
    /// <param name="host">Inventory name.</param>
    /// <param name="time">When the reading arrived.</param>
    /// <param name="current">This tick's reading.</param>
    /// <param name="previous">The previous tick's reading of the same host, or null on its first tick.</param>
    public static HostTick Compute(string host, DateTimeOffset time, HostReading current, HostReading? previous)
    {
        ArgumentNullException.ThrowIfNull(current);
        var values = new List<MetricValue>();
        void Add(string metric, double value, string instance = "") => values.Add(new MetricValue(metric, instance, Math.Round(value, 3)));

        var window = previous is null ? 0 : current.UptimeSeconds - previous.UptimeSeconds;
        var rates = window > 0;

        // CPU by state, from /proc/stat between the two ticks.
        if (rates && Cpu(previous!.Stat.Total, current.Stat.Total) is { } cpu)
        {
            foreach (var (name, value) in cpu)
            {
                Add($"cpu.{name}_percent", value);
            }
        }

        var cpus = Math.Max(1, current.Stat.CpuCount);
        Add("load.load1", current.Load.One);
        Add("load.load5", current.Load.Five);
        Add("load.load15", current.Load.Fifteen);
        Add("load.load1_per_cpu", current.Load.One / cpus);

        var m = current.Memory;
        Add("memory.total_bytes", m.TotalBytes);
        Add("memory.used_bytes", Math.Max(0, m.TotalBytes - m.AvailableBytes));
        Add("memory.available_bytes", m.AvailableBytes);
        Add("memory.used_percent", Percent(m.TotalBytes - m.AvailableBytes, m.TotalBytes));
        var swapUsed = Math.Max(0, m.SwapTotalBytes - m.SwapFreeBytes);
        Add("swap.total_bytes", m.SwapTotalBytes);
        Add("swap.used_bytes", swapUsed);
        Add("swap.used_percent", Percent(swapUsed, m.SwapTotalBytes));

        foreach (var fs in current.FileSystems)
        {
            Add("disk.size_bytes", fs.SizeBytes, fs.MountPoint);
            Add("disk.used_bytes", fs.UsedBytes, fs.MountPoint);
            Add("disk.used_percent", fs.UsedPercent, fs.MountPoint);
            if (fs.InodesUsedPercent is { } inodes)
            {
                Add("disk.inodes_used_percent", inodes, fs.MountPoint);
            }
        }

        if (current.FileSystems.Count > 0)
        {
            Add("disk.used_percent", current.FileSystems.Max(f => f.UsedPercent), HistoryMetrics.AllInstances);
        }

        if (rates)
        {
            Network(values, previous!, current, window);
            DiskIo(values, previous!, current, window);
        }

        var (byCpu, byRss) = Processes(previous, current, window);
        return new HostTick(host, time, TickStatus.Ok, null, values, byCpu, byRss);
    }

    private static List<(string Name, double Value)>? Cpu(CpuTimes before, CpuTimes after)
    {
        var total = after.Total - before.Total;
        if (total <= 0 || after.Idle < before.Idle)
        {
            return null;
        }

        double P(long a, long b) => Math.Max(0, (a - b) * 100.0 / total);
        var idle = P(after.Idle, before.Idle);
        var iowait = P(after.IoWait, before.IoWait);
        return
        [
            ("busy", Math.Max(0, 100 - idle - iowait)),
            ("user", P(after.User + after.Nice, before.User + before.Nice)),
            ("system", P(after.System + after.Irq + after.SoftIrq, before.System + before.Irq + before.SoftIrq)),
            ("iowait", iowait),
            ("steal", P(after.Steal, before.Steal)),
            ("idle", idle),
        ];
    }

    private static void Network(List<MetricValue> values, HostReading previous, HostReading current, double window)
    {
        var before = previous.Interfaces.ToDictionary(i => i.Interface, StringComparer.Ordinal);
        double rx = 0, tx = 0;
        var any = false;
        foreach (var a in current.Interfaces)
        {
            if (before.GetValueOrDefault(a.Interface) is not { } b || a.RxBytes < b.RxBytes || a.TxBytes < b.TxBytes)
            {
                continue;
            }

            double Rate(long delta) => Math.Round(Math.Max(0, delta) / window, 1);
            var (r, t) = (Rate(a.RxBytes - b.RxBytes), Rate(a.TxBytes - b.TxBytes));
            values.Add(new("network.rx_bytes_per_second", a.Interface, r));
            values.Add(new("network.tx_bytes_per_second", a.Interface, t));
            values.Add(new("network.rx_packets_per_second", a.Interface, Rate(a.RxPackets - b.RxPackets)));
            values.Add(new("network.tx_packets_per_second", a.Interface, Rate(a.TxPackets - b.TxPackets)));
            values.Add(new("network.errors_per_second", a.Interface, Math.Round(Math.Max(0, a.RxErrors + a.TxErrors - b.RxErrors - b.TxErrors) / window, 3)));
            values.Add(new("network.drops_per_second", a.Interface, Math.Round(Math.Max(0, a.RxDrops + a.TxDrops - b.RxDrops - b.TxDrops) / window, 3)));
            if (!VirtualDevices.IsVirtualInterface(a.Interface))
            {
                (rx, tx, any) = (rx + r, tx + t, true);
            }
        }

        if (any)
        {
            values.Add(new("network.rx_bytes_per_second", HistoryMetrics.AllInstances, rx));
            values.Add(new("network.tx_bytes_per_second", HistoryMetrics.AllInstances, tx));
        }
    }

    private static void DiskIo(List<MetricValue> values, HostReading previous, HostReading current, double window)
    {
        double? busiest = null;
        foreach (var io in Metrics.DiskIo.Between(previous.Disks, current.Disks, window))
        {
            values.Add(new("disk_io.reads_per_second", io.Device, io.ReadsPerSecond));
            values.Add(new("disk_io.writes_per_second", io.Device, io.WritesPerSecond));
            values.Add(new("disk_io.read_bytes_per_second", io.Device, io.ReadBytesPerSecond));
            values.Add(new("disk_io.write_bytes_per_second", io.Device, io.WriteBytesPerSecond));
            values.Add(new("disk_io.await_ms", io.Device, io.AwaitMs));
            values.Add(new("disk_io.util_percent", io.Device, io.UtilPercent));
            busiest = Math.Max(busiest ?? 0, io.UtilPercent);
        }

        if (busiest is { } max)
        {
            values.Add(new("disk_io.util_percent", HistoryMetrics.AllInstances, max));
        }
    }

    private static (List<ProcessSample> ByCpu, List<ProcessSample> ByRss) Processes(HostReading? previous, HostReading current, double window)
    {
        var byRss = current.Processes
            .OrderByDescending(p => p.RssBytes).ThenBy(p => p.Pid)
            .Take(TopProcesses)
            .Select(p => new ProcessSample(p.Pid, p.Name, null, p.RssBytes))
            .ToList();
        if (previous is null || window <= 0)
        {
            return ([], byRss);
        }

        var before = previous.Processes.GroupBy(p => p.Pid).ToDictionary(g => g.Key, g => g.First());
        var startedAfter = previous.UptimeSeconds * current.ClockTicksPerSecond;
        var cpu = current.Processes
            .Select(p =>
            {
                // The same process (same start) used the difference; one born since the last tick used all of its time since then.
                long? ticks = before.GetValueOrDefault(p.Pid) is { } b && b.StartTicks == p.StartTicks ? p.CpuTicks - b.CpuTicks
                    : p.StartTicks >= startedAfter ? p.CpuTicks : null;
                return (Process: p, Percent: ticks is { } t ? Math.Max(0, t) * 100.0 / current.ClockTicksPerSecond / window : (double?)null);
            })
            .Where(x => x.Percent is > 0)
            .OrderByDescending(x => x.Percent).ThenBy(x => x.Process.Pid)
            .Take(TopProcesses)
            .Select(x => new ProcessSample(x.Process.Pid, x.Process.Name, Math.Round(x.Percent!.Value, 1), x.Process.RssBytes))
            .ToList();
        return (cpu, byRss);
    }

    private static double Percent(long part, long whole) => whole <= 0 ? 0 : Math.Round(part * 100.0 / whole, 2);
}
