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

    /// <summary>File system types that hold no data of their own and are not recorded.</summary>
    public static IReadOnlySet<string> PseudoFileSystems { get; } = new HashSet<string>(StringComparer.Ordinal)
    {
        "tmpfs", "devtmpfs", "proc", "sysfs", "cgroup", "cgroup2", "squashfs", "devpts", "mqueue", "debugfs", "tracefs",
        "securityfs", "pstore", "bpf", "configfs", "fusectl", "hugetlbfs", "autofs", "binfmt_misc", "ramfs", "nsfs",
        "efivarfs", "rpc_pipefs", "nfsd", "selinuxfs",
    };

    /// <summary>Whether an interface is virtual (loopback, veth pairs, ifb): recorded, but left out of the host's totals.</summary>
    public static bool IsVirtualInterface(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        return name == "lo" || name.StartsWith("veth", StringComparison.Ordinal) || name.StartsWith("ifb", StringComparison.Ordinal);
    }
}
