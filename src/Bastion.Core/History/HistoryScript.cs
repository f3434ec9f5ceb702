using Bastion.Core.Execution;

namespace Bastion.Core.History;

/// <summary>
/// The one script a tick runs on a host: every counter and gauge the history records, read in one round trip with no
/// sleep (rates come from the previous tick's counters).
/// </summary>
public static class HistoryScript
{
    /// <summary>The script text (POSIX sh, sections framed by <see cref="ScriptSections"/>).</summary>
    public static string Text { get; } = new ScriptSections()
        .Add("uptime", "cat /proc/uptime")
        .Add("stat", "cat /proc/stat")
        .Add("loadavg", "cat /proc/loadavg")
        .Add("meminfo", "cat /proc/meminfo")
        .Add("df", "df -P -k")
        .Add("dfi", "df -P -i")
        .Add("mounts", "cat /proc/mounts")
        .Add("net", "cat /proc/net/dev")
        .Add("diskstats", "cat /proc/diskstats")
        .Add("pids", "cat /proc/[0-9]*/stat")
        .Add("status", "grep -H -E '^VmRSS:' /proc/[0-9]*/status")
        .Add("clk", "getconf CLK_TCK")
        .ToString();

    /// <summary>Splits the script's output (as captured from a host) into a reading: the pure parser.</summary>
    /// <exception cref="FormatException">The output was cut short.</exception>
    /// <exception cref="BastionException">A required source is missing or does not parse.</exception>
    public static HostReading Parse(string host, string output) =>
        HostReading.From(new HostFacts(host, ScriptSections.Parse(output)));

    /// <summary>Runs the script on the runner's host and reads its output.</summary>
    /// <exception cref="HostTimeoutException">The host did not answer within <paramref name="timeout"/>.</exception>
    /// <exception cref="HostUnreachableException">The host could not be reached.</exception>
    /// <exception cref="BastionException">The output could not be read.</exception>
    public static async Task<HostReading> ReadAsync(IHostRunner runner, TimeSpan timeout, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(runner);
        var request = CommandRequest.Facts(Text) with { Timeout = timeout, MaxOutputBytes = 8 * 1024 * 1024 };
        var result = await runner.RunWithinTimeoutAsync(request, "reading history counters", cancellationToken);
        try
        {
            return Parse(runner.HostName, result.Stdout);
        }
        catch (FormatException e)
        {
            throw new BastionException($"Host '{runner.HostName}': {e.Message} (exit code {result.ExitCode}: {Limits.FirstLine(result.Stderr)})", e);
        }
    }
}
