namespace Bastion.Core.Linux;

/// <summary>The fields Bastion uses from one <c>/proc/[pid]/stat</c> line.</summary>
/// <param name="Pid">Process id.</param>
/// <param name="Name">The <c>comm</c> field (executable name, at most 15 characters; may contain spaces and parentheses).</param>
/// <param name="State">One-letter state: R running, S sleeping, D uninterruptible, Z zombie, T stopped, I idle, …</param>
/// <param name="ParentPid">Parent process id.</param>
/// <param name="CpuTicks">User plus system CPU time of the process, in clock ticks.</param>
/// <param name="Threads">Number of threads.</param>
/// <param name="StartTicks">Start time, in clock ticks after boot.</param>
public sealed record ProcPidStat(int Pid, string Name, string State, int ParentPid, long CpuTicks, int Threads, long StartTicks)
{
    private const string Source = "/proc/[pid]/stat";

    /// <summary>Parses many stat lines (as <c>cat /proc/[0-9]*/stat</c> prints them); blank lines are skipped.</summary>
    /// <exception cref="FormatException">A line is not a stat line.</exception>
    public static IReadOnlyList<ProcPidStat> ParseMany(string text) =>
        text.Split('\n', StringSplitOptions.RemoveEmptyEntries).Where(l => l.Trim().Length > 0).Select(ParseLine).ToList();

    /// <exception cref="FormatException">Not a stat line: no <c>(comm)</c> or fewer than 22 fields.</exception>
    public static ProcPidStat ParseLine(string line)
    {
        ArgumentNullException.ThrowIfNull(line);
        var open = line.IndexOf('(', StringComparison.Ordinal);
        var close = line.LastIndexOf(')');
        if (open <= 0 || close < open)
        {
            throw new FormatException($"{Source}: no '(comm)' field in '{ParseText.Clip(line)}'.");
        }

        var rest = ParseText.Fields(line[(close + 1)..]);
        if (rest.Length < 20)
        {
            throw new FormatException($"{Source}: {rest.Length + 2} fields; at least 22 are expected.");
        }

        var pid = (int)ParseText.Long(line[..open].Trim(), Source, "pid");
        long F(int field) => ParseText.Long(rest[field - 3], Source, $"field {field}");
        return new ProcPidStat(
            pid,
            line[(open + 1)..close],
            rest[0],
            (int)F(4),
            F(14) + F(15),
            (int)F(20),
            F(22));
    }
}
