namespace Bastion.Cli.Tables;

/// <summary>
/// The headline columns of the tools whose answers a person reads most: one row per host with the figures that matter
/// (metrics_sample: CPU %, load, memory %, the fullest disk, network rates), or one row per item for list tools. Every other
/// tool — platform tools included — is laid out from its data by <see cref="ResultRenderer"/>.
/// </summary>
internal static class TableLayouts
{
    private static readonly Dictionary<string, TableLayout> Layouts = new(StringComparer.Ordinal)
    {
        ["hosts_list"] = new([
            new("hosts[]", [new("name"), new("kind", "backend"), new("address"), new("port"), new("user"), new("groups|join", "groups"), new("labels|pairs", "labels"), new("jump")]),
            new("groups[]", [new("name", "group"), new("hosts")], "groups"),
        ]),
        ["hosts_describe"] = new([
            new(".", [
                new("hostname"), new("os_name", "os"), new("kernel"), new("architecture", "arch"), new("cpu_model", "cpu"), new("cpu_count", "cpus"),
                new("memory_total_bytes", "memory"), new("uptime_seconds", "uptime"), new("boot_time", "booted (UTC)"), new("timezone"),
            ]),
        ]),
        ["metrics_sample"] = new([
            new(".", [
                new("cpu.busy_percent", "cpu %"), new("load.one", "load1"), new("load.one_per_cpu", "load1/cpu"), new("memory.used_percent", "mem %"),
                new("memory.available_bytes", "mem avail"), new("swap.used_percent", "swap %"), new("disks[].used_percent|max", "fullest disk %"),
                new("network[].rx_bytes_per_second|sum", "rx"), new("network[].tx_bytes_per_second|sum", "tx"), new("disk_io[].util_percent|max", "disk io %"),
                new("sampled_at", "sampled (UTC)"),
            ]),
            new("disks[]", [
                new("mount_point", "mount"), new("fs_type", "type"), new("total_bytes", "size"), new("used_bytes", "used"), new("available_bytes", "avail"),
                new("used_percent", "used %"), new("inodes_used_percent", "inodes %"), new("filesystem", "device"),
            ], "file systems"),
            new("network[]", [
                new("interface"), new("rx_bytes_per_second", "rx"), new("tx_bytes_per_second", "tx"), new("rx_packets_per_second", "rx pkt/s"),
                new("tx_packets_per_second", "tx pkt/s"), new("errors_in_window", "errors"), new("rx_drops", "rx drops"), new("tx_drops", "tx drops"),
            ], "network"),
            new("disk_io[]", [
                new("device"), new("reads_per_second", "reads/s"), new("writes_per_second", "writes/s"), new("read_bytes_per_second", "read"),
                new("write_bytes_per_second", "write"), new("await_ms", "await ms"), new("util_percent", "util %"),
            ], "disk I/O"),
        ]),
        ["metrics_history"] = new([
            new("hosts[].series[]", [
                new("../host", "host"), new("metric"), new("instance"), new("summary.min", "min", "metric"), new("summary.avg", "avg", "metric"),
                new("summary.max", "max", "metric"), new("summary.p95", "p95", "metric"), new("summary.last", "last", "metric"),
                new("summary.trend_per_hour", "trend/h", "metric"), new("points[]|count", "points"),
            ], "series"),
            new("hosts[]", [
                new("host"), new("source"), new("coverage.ticks", "samples"), new("coverage.answered", "answered"), new("coverage.first_sample", "first (UTC)"),
                new("coverage.last_sample", "last (UTC)"), new("coverage.gaps[]|count", "gaps"), new("coverage.unreachable[]|count", "unreachable spans"),
            ], "coverage"),
            new("hosts[].processes[]", [], "processes"),
        ]),
        ["metrics_top"] = new([
            new("hosts[]", [
                new("rank"), new("host"), new("value", "value", "/series"), new("trend_per_hour", "trend/h", "/series"), new("last", "last", "/series"), new("samples"),
            ]),
        ]),
        ["processes_list"] = new([
            new("processes[]", [
                new("pid"), new("user"), new("name"), new("cpu_percent", "cpu %"), new("memory_percent", "mem %"), new("rss_bytes", "rss"), new("state"),
                new("threads"), new("start_time", "started (UTC)"), new("command"),
            ]),
        ]),
        ["users_list"] = new([
            new("users[]", [
                new("name"), new("uid"), new("gid"), new("groups|join", "groups"), new("sudo"), new("can_login", "login"), new("system"), new("shell"),
                new("home"), new("gecos"),
            ]),
        ]),
        ["interfaces_list"] = new([
            new("interfaces[]", [new("name"), new("state"), new("mtu"), new("mac"), new("addresses[].address|join", "addresses"), new("flags|join", "flags")]),
        ]),
        ["logs_tail"] = new([new("lines[]", [new(".", "line")])]),
        ["logs_search"] = new([
            new(".", [new("source"), new("matches"), new("matches_at_least", "at least"), new("first_match_at", "first (UTC)"), new("last_match_at", "last (UTC)")]),
            new("lines[]", [new(".", "line")], "matching lines"),
        ]),
        ["files_list"] = new([
            new("entries[]", [new("name"), new("type"), new("size_bytes", "size"), new("modified", "mtime (UTC)"), new("mode"), new("owner"), new("group")]),
        ]),
        ["files_read"] = new(
            [new(".", [new("path"), new("size_bytes", "size"), new("offset"), new("returned_bytes", "returned"), new("eof"), new("binary")])],
            Text: "content"),
        ["commands_run"] = new(
            [new(".", [new("exit_code", "exit"), new("duration_seconds", "took"), new("stdout|firstline", "output (first line)"), new("stderr|firstline", "stderr (first line)"), new("truncated")])],
            Text: "stdout"),
        ["audit_search"] = new([
            new("entries[]", [
                new("seq"), new("time", "time (UTC)"), new("principal"), new("tool"), new("targets|join", "targets"), new("decision"), new("outcome"),
                new("duration_ms", "ms"), new("reason"), new("tenant"),
            ]),
        ]),
    };

    /// <summary>The layout declared for <paramref name="tool"/>; null to lay its answer out from the data.</summary>
    public static TableLayout? For(string tool) => Layouts.GetValueOrDefault(tool);

    /// <summary>The tools with a declared layout.</summary>
    public static IEnumerable<string> Declared => Layouts.Keys;
}
