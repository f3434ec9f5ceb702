using Bastion.Core.Execution;
using Bastion.Core.Linux;

namespace Bastion.Core.Identity;

/// <summary>Reads a host's identity in one round trip.</summary>
public static class IdentityCollector
{
    private static readonly string Script = new ScriptSections()
        .Add("hostname", "cat /proc/sys/kernel/hostname || hostname")
        .Add("os", "cat /etc/os-release || cat /usr/lib/os-release")
        .Add("kernel", "uname -r")
        .Add("arch", "uname -m")
        .Add("cpuinfo", "cat /proc/cpuinfo")
        .Add("meminfo", "cat /proc/meminfo")
        .Add("uptime", "cat /proc/uptime")
        .Add("stat", "cat /proc/stat")
        .Add("localtime", "readlink /etc/localtime")
        .Add("timezone", "cat /etc/timezone")
        .Add("offset", "date +%z")
        .ToString();

    /// <summary>Reads the identity of the runner's host.</summary>
    /// <exception cref="BastionException">A required source is missing or unreadable.</exception>
    public static async Task<HostIdentity> CollectAsync(IHostRunner runner, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(runner);
        var facts = await runner.ReadFactsAsync(Script, cancellationToken);
        var os = facts.TryParse("os", "/etc/os-release", OsRelease.Parse);
        var cpu = facts.Parse("cpuinfo", "/proc/cpuinfo", CpuInfo.Parse);
        var stat = facts.Parse("stat", "/proc/stat", ProcStat.Parse);
        return new HostIdentity(
            runner.HostName,
            facts.Require("hostname", "the host name").Trim(),
            os?.Id ?? "linux",
            os?.PrettyName ?? "Linux (no /etc/os-release)",
            os?.VersionId,
            facts.Require("kernel", "uname -r").Trim(),
            facts.Require("arch", "uname -m").Trim(),
            cpu.Model,
            stat.CpuCount > 0 ? stat.CpuCount : cpu.LogicalCpus,
            cpu.Sockets,
            facts.Parse("meminfo", "/proc/meminfo", MemInfo.Parse).TotalBytes,
            facts.Parse("uptime", "/proc/uptime", Uptime.Parse).UptimeSeconds,
            DateTimeOffset.FromUnixTimeSeconds(stat.BootTimeUnixSeconds),
            TimeZoneName(facts.Optional("localtime"), facts.Optional("timezone")),
            facts.Optional("offset")?.Trim());
    }

    /// <summary>The IANA name from the <c>/etc/localtime</c> link target (…/zoneinfo/Area/City) or <c>/etc/timezone</c>.</summary>
    internal static string? TimeZoneName(string? localtimeLink, string? timezoneFile)
    {
        const string Marker = "zoneinfo/";
        var link = localtimeLink?.Trim();
        var at = link?.IndexOf(Marker, StringComparison.Ordinal) ?? -1;
        if (link is not null && at >= 0)
        {
            return link[(at + Marker.Length)..];
        }

        var file = timezoneFile?.Trim();
        return string.IsNullOrEmpty(file) ? null : file;
    }
}
