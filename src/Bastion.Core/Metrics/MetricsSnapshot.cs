using System.ComponentModel;

namespace Bastion.Core.Metrics;

/// <summary>A host's CPU, load, memory, swap, disk, network and disk I/O figures at one moment.</summary>
public sealed record MetricsSnapshot(
    [property: Description("Inventory name of the host.")] string Host,
    [property: Description("When the sample window ended, UTC ISO-8601 (clock of the Bastion server).")] DateTimeOffset SampledAt,
    [property: Description("Length of the sample window in seconds, measured on the host (/proc/uptime).")] double SampleSeconds,
    [property: Description("CPU utilisation over the sample window.")] CpuUsage Cpu,
    [property: Description("Load averages.")] LoadSummary Load,
    [property: Description("Memory.")] MemoryUsage Memory,
    [property: Description("Swap.")] SwapUsage Swap,
    [property: Description("Mounted file systems with a size, fullest first (at most limit). Pseudo file systems (tmpfs, devtmpfs, proc, sysfs, cgroup, cgroup2, squashfs, devpts, mqueue, ramfs, hugetlbfs, autofs, efivarfs and other kernel ones) are left out unless include_virtual; overlay (a container root) is kept.")] IReadOnlyList<DiskUsage> Disks,
    [property: Description("Network interfaces, busiest first (at most limit). Virtual ones (lo, veth*, ifb*, docker*, br-*, virbr*, cni*, flannel*, cali*, cilium_*, lxc*, vxlan*, dummy*, tap*, kube-ipvs*, weave*, genev_sys*) are left out unless include_virtual; tun*, wg*, bonds, VLANs and bridges such as br0 are kept.")] IReadOnlyList<NetworkThroughput> Network,
    [property: Description("Whole block devices from /proc/diskstats read at both ends of the window, most utilised first (at most limit); devices with no I/O since boot are left out.")] IReadOnlyList<DiskIo> DiskIo,
    [property: Description("What was left out or could not be read, in words; empty when nothing was.")] IReadOnlyList<string> Notes);
