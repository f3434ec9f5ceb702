using System.ComponentModel;

namespace Bastion.Core.Identity;

/// <summary>Who a host is: name, operating system, kernel, hardware summary, uptime and time zone.</summary>
public sealed record HostIdentity(
    [property: Description("Inventory name of the host.")] string Host,
    [property: Description("The host's own name (kernel hostname, /proc/sys/kernel/hostname).")] string Hostname,
    [property: Description("Distribution id from /etc/os-release, e.g. debian, rocky, alpine.")] string OsId,
    [property: Description("Distribution name and version from /etc/os-release PRETTY_NAME, e.g. 'Debian GNU/Linux 12 (bookworm)'.")] string OsName,
    [property: Description("Distribution version from /etc/os-release VERSION_ID; null on rolling releases.")] string? OsVersion,
    [property: Description("Kernel release (uname -r).")] string Kernel,
    [property: Description("Machine architecture (uname -m), e.g. x86_64, aarch64.")] string Architecture,
    [property: Description("CPU model from /proc/cpuinfo; null when the kernel gives none.")] string? CpuModel,
    [property: Description("Logical CPUs (processor entries in /proc/cpuinfo).")] int CpuCount,
    [property: Description("CPU sockets (distinct physical ids in /proc/cpuinfo); null when not reported.")] int? CpuSockets,
    [property: Description("Total memory in bytes (MemTotal, /proc/meminfo).")] long MemoryTotalBytes,
    [property: Description("Seconds since boot (/proc/uptime).")] double UptimeSeconds,
    [property: Description("Boot time, UTC ISO-8601 (btime, /proc/stat).")] DateTimeOffset BootTime,
    [property: Description("IANA time zone name from /etc/localtime or /etc/timezone, e.g. Europe/Berlin; null when unknown.")] string? Timezone,
    [property: Description("Current UTC offset of the host's local time, e.g. +0100 (date +%z).")] string? UtcOffset);
