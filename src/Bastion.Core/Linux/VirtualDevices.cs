namespace Bastion.Core.Linux;

/// <summary>
/// Which file systems and network interfaces are not the host's own storage and traffic: the one rule that both
/// <c>metrics_sample</c> and the history collector apply.
/// </summary>
public static class VirtualDevices
{
    /// <summary>
    /// File system types (the third field of <c>/proc/mounts</c>) that hold no data on a disk of their own. overlay is
    /// not among them: it is the root of a container and fills the disk under it.
    /// </summary>
    public static IReadOnlySet<string> PseudoFileSystems { get; } = new HashSet<string>(StringComparer.Ordinal)
    {
        "tmpfs", "devtmpfs", "proc", "sysfs", "cgroup", "cgroup2", "squashfs", "devpts", "mqueue", "debugfs", "tracefs",
        "securityfs", "pstore", "bpf", "configfs", "fusectl", "hugetlbfs", "autofs", "binfmt_misc", "ramfs", "nsfs",
        "efivarfs", "rpc_pipefs", "nfsd", "selinuxfs",
    };

    /// <summary>
    /// Name prefixes of interfaces whose traffic is the loopback or also crosses a real interface: loopback, veth pairs,
    /// ifb, Docker, libvirt and container-network bridges and tunnels, dummy and tap (a VM's end). Tunnels the host
    /// itself uses (tun*, wg*), bonds, VLANs and plain bridges such as br0 count as real.
    /// </summary>
    public static IReadOnlyList<string> VirtualInterfacePrefixes { get; } =
    [
        "veth", "ifb", "docker", "br-", "virbr", "cni", "flannel", "cali", "cilium_", "lxc", "vxlan", "dummy", "tap",
        "kube-ipvs", "weave", "genev_sys",
    ];

    /// <summary>
    /// Name prefixes of block devices (as in <c>/proc/diskstats</c> and sysstat's disk report) that are not disks: loop
    /// devices, RAM disks, compressed RAM (zram, usually swap), floppy and optical drives.
    /// </summary>
    public static IReadOnlyList<string> VirtualBlockDevicePrefixes { get; } = ["loop", "ram", "zram", "fd", "sr"];

    /// <summary>Whether a block device starts with one of <see cref="VirtualBlockDevicePrefixes"/>.</summary>
    public static bool IsVirtualBlockDevice(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        return VirtualBlockDevicePrefixes.Any(p => name.StartsWith(p, StringComparison.Ordinal));
    }

    /// <summary>Whether a file system type is a pseudo one (<see cref="PseudoFileSystems"/>).</summary>
    public static bool IsPseudoFileSystem(string fsType)
    {
        ArgumentNullException.ThrowIfNull(fsType);
        return PseudoFileSystems.Contains(fsType);
    }

    /// <summary>Whether an interface is <c>lo</c> or starts with one of <see cref="VirtualInterfacePrefixes"/>.</summary>
    public static bool IsVirtualInterface(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        return name == "lo" || VirtualInterfacePrefixes.Any(p => name.StartsWith(p, StringComparison.Ordinal));
    }
}
