using System.Globalization;
using System.Text.Json;
using Bastion.Core.Linux;

namespace Bastion.Core.History.Sysstat;

/// <summary>
/// Reads the JSON of <c>sadf -j FILE -- -u -r [ALL] -S -q -d -n DEV,EDEV -F [MOUNT]</c> (sysstat 11 and 12) into samples
/// named and measured like the collector's: CPU by state (<c>-u</c>; busy = 100 − idle − iowait), memory (<c>-r</c>; total
/// from free + used + buffers + cached + slab with <c>-r ALL</c>, used = total − available), swap (<c>-S</c>), load
/// (<c>-q</c>), disk I/O per whole device (<c>-d</c>: kB/s or sectors/s to bytes/s, await ms, util %), network per
/// interface (<c>-n DEV,EDEV</c>: kB/s to bytes/s, packets, errors, drops) and file systems (<c>-F</c>: MB to bytes, used %,
/// inodes used %). What a record lacks is left out; records whose time is not UTC (sadf <c>-t</c>/<c>-T</c>) are skipped.
/// </summary>
public static class SadfJson
{
    private const double KiB = 1024;
    private const double MiB = 1024 * 1024;

    /// <summary>The samples of one sadf JSON document, oldest first.</summary>
    /// <exception cref="FormatException">The text is not sadf's JSON.</exception>
    public static IReadOnlyList<SarSample> Parse(string json)
    {
        ArgumentNullException.ThrowIfNull(json);
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(json);
        }
        catch (JsonException e)
        {
            throw new FormatException($"sadf output is not JSON: {e.Message}", e);
        }

        using (document)
        {
            if (document.RootElement.ValueKind != JsonValueKind.Object
                || !document.RootElement.TryGetProperty("sysstat", out var sysstat)
                || !sysstat.TryGetProperty("hosts", out var hosts) || hosts.ValueKind != JsonValueKind.Array)
            {
                throw new FormatException("sadf output has no sysstat.hosts array.");
            }

            var samples = new List<SarSample>();
            foreach (var host in hosts.EnumerateArray())
            {
                var cpus = Number(host, "number-of-cpus") is { } n && n > 0 ? n : 1;
                if (!host.TryGetProperty("statistics", out var statistics) || statistics.ValueKind != JsonValueKind.Array)
                {
                    continue;
                }

                foreach (var record in statistics.EnumerateArray())
                {
                    if (Sample(record, cpus) is { } sample)
                    {
                        samples.Add(sample);
                    }
                }
            }

            return samples.OrderBy(s => s.Time).ToList();
        }
    }

    private static SarSample? Sample(JsonElement record, double cpus)
    {
        if (!record.TryGetProperty("timestamp", out var stamp) || Time(stamp) is not { } time)
        {
            return null;
        }

        var values = new List<MetricValue>();
        void Add(string metric, double? value, string instance = "")
        {
            if (value is { } v && double.IsFinite(v))
            {
                values.Add(new MetricValue(metric, instance, Math.Round(v, 3)));
            }
        }

        Cpu(record, Add);
        Memory(record, Add);
        if (record.TryGetProperty("queue", out var queue))
        {
            var one = Number(queue, "ldavg-1");
            Add("load.load1", one);
            Add("load.load5", Number(queue, "ldavg-5"));
            Add("load.load15", Number(queue, "ldavg-15"));
            Add("load.load1_per_cpu", one / cpus);
        }

        Disks(record, Add);
        Network(record, Add);
        FileSystems(record, Add);
        return values.Count == 0 ? null : new SarSample(time, Number(stamp, "interval") ?? 0, values);
    }

    private static DateTimeOffset? Time(JsonElement stamp)
    {
        if (Number(stamp, "utc") is not 1 || Text(stamp, "date") is not { } date || Text(stamp, "time") is not { } time)
        {
            return null;
        }

        return DateTimeOffset.TryParseExact($"{date}T{time}", "yyyy-MM-dd'T'HH:mm:ss", CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var at)
            ? at
            : null;
    }

    private static void Cpu(JsonElement record, Action<string, double?, string> add)
    {
        if (!record.TryGetProperty("cpu-load", out var cpus) && !record.TryGetProperty("cpu-load-all", out cpus))
        {
            return;
        }

        var all = cpus.ValueKind == JsonValueKind.Array ? cpus.EnumerateArray().FirstOrDefault(c => Text(c, "cpu") == "all") : default;
        if (all.ValueKind != JsonValueKind.Object || Number(all, "idle") is not { } idle)
        {
            return;
        }

        // sar -u: %user includes guest, %system includes irq and softirq; sar -u ALL splits them (usr, sys, irq, soft, guest).
        var iowait = Number(all, "iowait") ?? 0;
        var user = (Number(all, "user") ?? ((Number(all, "usr") ?? 0) + (Number(all, "guest") ?? 0))) + (Number(all, "nice") ?? 0);
        var system = Number(all, "system") ?? ((Number(all, "sys") ?? 0) + (Number(all, "irq") ?? 0) + (Number(all, "soft") ?? 0));
        add("cpu.busy_percent", Math.Max(0, 100 - idle - iowait), "");
        add("cpu.user_percent", user, "");
        add("cpu.system_percent", system, "");
        add("cpu.iowait_percent", iowait, "");
        add("cpu.steal_percent", Number(all, "steal"), "");
        add("cpu.idle_percent", idle, "");
    }

    private static void Memory(JsonElement record, Action<string, double?, string> add)
    {
        if (!record.TryGetProperty("memory", out var memory))
        {
            return;
        }

        var free = Number(memory, "memfree");
        var used = Number(memory, "memused");
        var avail = Number(memory, "avail");
        var slab = Number(memory, "slab");
        double? total = free + used + Number(memory, "buffers") + Number(memory, "cached") + slab;
        if (total is null && Number(memory, "memused-percent") is { } percent && percent > 0 && used is { } u)
        {
            // Without -r ALL there is no slab: the total follows from used and its percentage (to about 0.5 %).
            total = Math.Round(u * 100 / percent);
        }

        if (total is { } t && t > 0)
        {
            var usedBytes = Math.Max(0, (t - (avail ?? t - (used ?? 0))) * KiB);
            add("memory.total_bytes", t * KiB, "");
            add("memory.used_bytes", usedBytes, "");
            add("memory.available_bytes", avail * KiB, "");
            add("memory.used_percent", Math.Round(usedBytes * 100 / (t * KiB), 2), "");
        }

        if (Number(memory, "swpfree") is { } swapFree && Number(memory, "swpused") is { } swapUsed)
        {
            add("swap.total_bytes", (swapFree + swapUsed) * KiB, "");
            add("swap.used_bytes", swapUsed * KiB, "");
            add("swap.used_percent", swapFree + swapUsed > 0 ? Math.Round(swapUsed * 100 / (swapFree + swapUsed), 2) : 0, "");
        }
    }

    private static void Disks(JsonElement record, Action<string, double?, string> add)
    {
        if (!record.TryGetProperty("disk", out var disks) || disks.ValueKind != JsonValueKind.Array)
        {
            return;
        }

        double? busiest = null;
        foreach (var disk in disks.EnumerateArray())
        {
            if (Text(disk, "disk-device") is not { } device || !IsWholeDisk(device))
            {
                continue;
            }

            var read = Number(disk, "rkB") * KiB ?? Number(disk, "rd_sec") * 512;
            var write = Number(disk, "wkB") * KiB ?? Number(disk, "wr_sec") * 512;
            var util = Number(disk, "util-percent");
            add("disk_io.read_bytes_per_second", read, device);
            add("disk_io.write_bytes_per_second", write, device);
            add("disk_io.await_ms", Number(disk, "await"), device);
            add("disk_io.util_percent", util, device);
            if (util is { } x)
            {
                busiest = Math.Max(busiest ?? 0, x);
            }
        }

        add("disk_io.util_percent", busiest, HistoryMetrics.AllInstances);
    }

    private static void Network(JsonElement record, Action<string, double?, string> add)
    {
        if (!record.TryGetProperty("network", out var network))
        {
            return;
        }

        if (network.TryGetProperty("net-dev", out var devices) && devices.ValueKind == JsonValueKind.Array)
        {
            double rx = 0, tx = 0;
            var any = false;
            foreach (var dev in devices.EnumerateArray())
            {
                if (Text(dev, "iface") is not { } name)
                {
                    continue;
                }

                var r = Number(dev, "rxkB") * KiB;
                var t = Number(dev, "txkB") * KiB;
                add("network.rx_bytes_per_second", r, name);
                add("network.tx_bytes_per_second", t, name);
                add("network.rx_packets_per_second", Number(dev, "rxpck"), name);
                add("network.tx_packets_per_second", Number(dev, "txpck"), name);
                if (!VirtualDevices.IsVirtualInterface(name) && r is { } rr && t is { } tt)
                {
                    (rx, tx, any) = (rx + rr, tx + tt, true);
                }
            }

            if (any)
            {
                add("network.rx_bytes_per_second", rx, HistoryMetrics.AllInstances);
                add("network.tx_bytes_per_second", tx, HistoryMetrics.AllInstances);
            }
        }

        if (network.TryGetProperty("net-edev", out var errors) && errors.ValueKind == JsonValueKind.Array)
        {
            foreach (var dev in errors.EnumerateArray())
            {
                if (Text(dev, "iface") is { } name)
                {
                    add("network.errors_per_second", Number(dev, "rxerr") + Number(dev, "txerr"), name);
                    add("network.drops_per_second", Number(dev, "rxdrop") + Number(dev, "txdrop"), name);
                }
            }
        }
    }

    private static void FileSystems(JsonElement record, Action<string, double?, string> add)
    {
        if (!record.TryGetProperty("filesystems", out var filesystems) || filesystems.ValueKind != JsonValueKind.Array)
        {
            return;
        }

        double? fullest = null;
        foreach (var fs in filesystems.EnumerateArray())
        {
            if ((Text(fs, "mountpoint") ?? Text(fs, "filesystem")) is not { } name || Number(fs, "MBfsfree") is not { } free || Number(fs, "MBfsused") is not { } used)
            {
                continue;
            }

            var percent = Number(fs, "%fsused") ?? (free + used > 0 ? used * 100 / (free + used) : 0);
            add("disk.size_bytes", (free + used) * MiB, name);
            add("disk.used_bytes", used * MiB, name);
            add("disk.used_percent", percent, name);
            add("disk.inodes_used_percent", Number(fs, "%Iused"), name);
            fullest = Math.Max(fullest ?? 0, percent);
        }

        add("disk.used_percent", fullest, HistoryMetrics.AllInstances);
    }

    /// <summary>Whole block devices, as the collector counts them: no loop, RAM, floppy or optical devices, no partitions.</summary>
    private static bool IsWholeDisk(string device)
    {
        if (VirtualDevices.IsVirtualBlockDevice(device))
        {
            return false;
        }

        if (device.StartsWith("nvme", StringComparison.Ordinal) || device.StartsWith("mmcblk", StringComparison.Ordinal))
        {
            return !device.AsSpan(device.LastIndexOf('n') + 1).Contains('p');
        }

        return device.StartsWith("dm-", StringComparison.Ordinal) || device.StartsWith("md", StringComparison.Ordinal) || !char.IsAsciiDigit(device[^1]);
    }

    private static double? Number(JsonElement element, string name) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Number ? value.GetDouble() : null;

    private static string? Text(JsonElement element, string name) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
}
