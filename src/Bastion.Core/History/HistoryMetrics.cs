namespace Bastion.Core.History;

/// <summary>The families and series names the collector records, and the figures <c>metrics_top</c> ranks by.</summary>
public static class HistoryMetrics
{
    /// <summary>The instance of a host-wide aggregate of a per-instance family (the fullest disk, all interfaces).</summary>
    public const string AllInstances = "*";

    /// <summary>Families a caller may ask for, in order.</summary>
    public static IReadOnlyList<string> Families { get; } = ["cpu", "load", "memory", "swap", "disk", "disk_io", "network", "processes"];

    /// <summary>What <c>metrics_top</c> ranks by: name → (series, instance).</summary>
    public static IReadOnlyDictionary<string, (string Metric, string Instance)> Rankings { get; } = new Dictionary<string, (string, string)>(StringComparer.Ordinal)
    {
        ["cpu"] = ("cpu.busy_percent", ""),
        ["memory"] = ("memory.used_percent", ""),
        ["load"] = ("load.load1_per_cpu", ""),
        ["disk"] = ("disk.used_percent", AllInstances),
        ["disk_io"] = ("disk_io.util_percent", AllInstances),
        ["network_rx"] = ("network.rx_bytes_per_second", AllInstances),
        ["network_tx"] = ("network.tx_bytes_per_second", AllInstances),
    };
}
