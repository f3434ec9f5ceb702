using System.Globalization;
using System.Text.RegularExpressions;
using Bastion.Core.Execution;
using Bastion.Core.Linux;

namespace Bastion.Core.Processes;

/// <summary>
/// Lists a host's processes in one round trip: every <c>/proc/[pid]/stat</c> is read twice around the sample window
/// (so CPU percent is current, as in top, not a lifetime average as in ps), then owners, RSS and command lines.
/// </summary>
public static partial class ProcessCollector
{
    private const int CommandChars = 1024;

    private static readonly string Script = new ScriptSections()
        .Add("uptime1", "cat /proc/uptime")
        .Add("stat1", "cat /proc/[0-9]*/stat")
        .Then("sleep \"$1\"")
        .Add("uptime2", "cat /proc/uptime")
        .Add("stat2", "cat /proc/[0-9]*/stat")
        .Add("status", "grep -H -E '^(Uid|VmRSS):' /proc/[0-9]*/status")
        .Add("cmdline", $"head -v -c {CommandChars + 1} /proc/[0-9]*/cmdline")
        .Add("passwd", "getent passwd || cat /etc/passwd")
        .Add("meminfo", "cat /proc/meminfo")
        .Add("procstat", "cat /proc/stat")
        .Add("clk", "getconf CLK_TCK")
        .ToString();

    /// <summary>The top <paramref name="limit"/> processes by <paramref name="sort"/>.</summary>
    /// <exception cref="BastionException">/proc is missing or unreadable on the host.</exception>
    public static async Task<ProcessList> CollectAsync(IHostRunner runner, ProcessSort sort, int limit, double sampleSeconds, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(runner);
        var facts = await runner.ReadFactsAsync(Script, cancellationToken, sampleSeconds.ToString("0.###", CultureInfo.InvariantCulture));
        var window = facts.Parse("uptime2", "/proc/uptime", Uptime.Parse).UptimeSeconds - facts.Parse("uptime1", "/proc/uptime", Uptime.Parse).UptimeSeconds;
        if (window <= 0)
        {
            window = sampleSeconds;
        }

        var before = facts.Parse("stat1", "/proc/[pid]/stat", ProcPidStat.ParseMany).ToDictionary(p => p.Pid);
        var after = facts.Parse("stat2", "/proc/[pid]/stat", ProcPidStat.ParseMany);
        var status = facts.TryParse("status", "/proc/[pid]/status", ProcStatusFields.ParseMany) ?? new Dictionary<int, ProcStatusFields>();
        var cmdlines = facts.TryParse("cmdline", "/proc/[pid]/cmdline", HeadFiles.Parse) ?? new Dictionary<string, string>();
        var users = (facts.TryParse("passwd", "passwd", PasswdEntry.Parse) ?? [])
            .GroupBy(u => u.Uid).ToDictionary(g => g.Key, g => g.First().Name);
        var totalMemory = facts.Parse("meminfo", "/proc/meminfo", MemInfo.Parse).TotalBytes;
        var bootTime = facts.Parse("procstat", "/proc/stat", ProcStat.Parse).BootTimeUnixSeconds;
        var ticks = ParseText.LongOrNull(facts.Optional("clk")?.Trim()) is { } clk and > 0 ? clk : 100;

        var all = after.Select(p =>
        {
            var s = status.GetValueOrDefault(p.Pid);
            var earlier = before.GetValueOrDefault(p.Pid);
            // A process born during the window used all its CPU time within it.
            var cpuTicks = earlier is not null && earlier.StartTicks == p.StartTicks ? p.CpuTicks - earlier.CpuTicks : p.CpuTicks;
            var rss = s?.RssBytes ?? 0;
            var uid = s?.Uid ?? -1;
            return new ProcessInfo(
                p.Pid,
                p.ParentPid,
                users.GetValueOrDefault(uid) ?? (uid >= 0 ? uid.ToString(CultureInfo.InvariantCulture) : "?"),
                p.Name,
                Command(cmdlines.GetValueOrDefault($"/proc/{p.Pid}/cmdline"), p.Name),
                Math.Round(Math.Max(0, cpuTicks) * 100.0 / ticks / window, 1),
                rss,
                totalMemory > 0 ? Math.Round(rss * 100.0 / totalMemory, 1) : 0,
                p.State,
                p.Threads,
                DateTimeOffset.FromUnixTimeMilliseconds((bootTime * 1000) + (p.StartTicks * 1000 / ticks)));
        });

        var ordered = sort == ProcessSort.Memory
            ? all.OrderByDescending(p => p.RssBytes).ThenByDescending(p => p.CpuPercent)
            : all.OrderByDescending(p => p.CpuPercent).ThenByDescending(p => p.RssBytes);
        var (top, total, truncated) = Limits.Take(ordered.ThenBy(p => p.Pid), limit);
        return new ProcessList(runner.HostName, sort, Math.Round(window, 2), total, top, truncated);
    }

    /// <summary>
    /// A NUL-separated <c>cmdline</c> as one line; kernel threads (empty cmdline) as <c>[name]</c>, as ps shows them.
    /// An argument with white space that is the value of a secret-looking option (<c>--password 'a b'</c>,
    /// <c>--token='a b'</c>) is single-quoted, so that redaction of the result sees the whole value rather than its first
    /// word; everything else reads as ps shows it.
    /// </summary>
    internal static string Command(string? cmdline, string name)
    {
        var args = (cmdline ?? string.Empty).Split('\0');
        for (var i = 0; i < args.Length; i++)
        {
            if (!args[i].Any(char.IsWhiteSpace))
            {
                continue;
            }

            if (i > 0 && SecretOptionPattern().IsMatch(args[i - 1]))
            {
                args[i] = Quote(args[i]);
            }
            else if (SecretAssignmentPattern().Match(args[i]) is { Success: true } assignment)
            {
                args[i] = assignment.Groups["name"].Value + Quote(args[i][assignment.Length..]);
            }
        }

        var text = string.Join(' ', args).Trim();
        return string.IsNullOrEmpty(text) ? $"[{name}]" : Limits.Clip(text, CommandChars);
    }

    private static string Quote(string value) => $"'{value.Replace("'", "'\\''", StringComparison.Ordinal)}'";

    /// <summary>An option whose next argument is a secret: <c>--password</c>, <c>-token</c>, <c>--api-key</c>, <c>-storepass</c>, ...</summary>
    [GeneratedRegex(@"^-{1,2}[A-Za-z0-9_-]{0,32}(?:pass|pwd|token|secret|key|auth)[A-Za-z0-9_-]{0,32}$", RegexOptions.IgnoreCase, 1000)]
    private static partial Regex SecretOptionPattern();

    /// <summary>The <c>name=</c> of an argument that assigns a secret: <c>--password=…</c>, <c>DB_PASS=…</c>.</summary>
    [GeneratedRegex(@"^(?<name>-{0,2}[A-Za-z0-9_.-]{0,64}(?:pass|pwd|token|secret|key|auth)[A-Za-z0-9_.-]{0,32}=)", RegexOptions.IgnoreCase, 1000)]
    private static partial Regex SecretAssignmentPattern();
}
