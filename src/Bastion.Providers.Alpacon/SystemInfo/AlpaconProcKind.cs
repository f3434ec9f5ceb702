namespace Bastion.Providers.Alpacon.SystemInfo;

/// <summary>What Alpacon's agent reports about a server under <c>/api/proc/</c>.</summary>
internal enum AlpaconProcKind
{
    /// <summary>Hardware and kernel: hostname, CPU, memory, architecture, uptime (<c>/api/proc/info/</c>).</summary>
    Info,

    /// <summary>Operating system name and version (<c>/api/proc/os/</c>).</summary>
    Os,

    /// <summary>OS user accounts (<c>/api/proc/users/</c>).</summary>
    Users,

    /// <summary>OS groups (<c>/api/proc/groups/</c>).</summary>
    Groups,

    /// <summary>Installed system packages (<c>/api/proc/packages/</c>).</summary>
    Packages,

    /// <summary>Network interfaces and addresses (<c>/api/proc/interfaces/</c>).</summary>
    Interfaces,

    /// <summary>Disks (<c>/api/proc/disks/</c>).</summary>
    Disks,

    /// <summary>Partitions and mount points (<c>/api/proc/partitions/</c>).</summary>
    Partitions,

    /// <summary>The server's clock, time zone and uptime (<c>/api/proc/time/</c>).</summary>
    Time,
}
