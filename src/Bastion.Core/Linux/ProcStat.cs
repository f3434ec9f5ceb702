namespace Bastion.Core.Linux;

/// <summary>The parts of <c>/proc/stat</c> Bastion uses.</summary>
/// <param name="Total">The aggregate <c>cpu</c> line.</param>
/// <param name="CpuCount">Number of <c>cpuN</c> lines (online logical CPUs).</param>
/// <param name="BootTimeUnixSeconds">The <c>btime</c> line: boot time in seconds since the Unix epoch.</param>
/// <param name="ProcessesRunning">The <c>procs_running</c> line, when present.</param>
/// <param name="ProcessesBlocked">The <c>procs_blocked</c> line, when present.</param>
public sealed record ProcStat(CpuTimes Total, int CpuCount, long BootTimeUnixSeconds, long? ProcessesRunning, long? ProcessesBlocked)
{
    private const string Source = "/proc/stat";

    /// <exception cref="FormatException">Empty text, or no aggregate <c>cpu</c> line or <c>btime</c>.</exception>
    public static ProcStat Parse(string text)
    {
        ParseText.RequireText(text, Source);
        CpuTimes? total = null;
        var cpus = 0;
        long? btime = null, running = null, blocked = null;
        foreach (var line in ParseText.Lines(text))
        {
            var f = ParseText.Fields(line);
            switch (f[0])
            {
                case "cpu":
                    total = Times(f);
                    break;
                case var c when c.StartsWith("cpu", StringComparison.Ordinal) && c.Length > 3 && char.IsAsciiDigit(c[3]):
                    cpus++;
                    break;
                case "btime" when f.Length > 1:
                    btime = ParseText.Long(f[1], Source, "btime");
                    break;
                case "procs_running" when f.Length > 1:
                    running = ParseText.LongOrNull(f[1]);
                    break;
                case "procs_blocked" when f.Length > 1:
                    blocked = ParseText.LongOrNull(f[1]);
                    break;
            }
        }

        return new ProcStat(
            total ?? throw new FormatException($"{Source}: no aggregate 'cpu' line."),
            cpus,
            btime ?? throw new FormatException($"{Source}: no 'btime' line."),
            running,
            blocked);
    }

    private static CpuTimes Times(string[] f)
    {
        if (f.Length < 5)
        {
            throw new FormatException($"{Source}: the 'cpu' line has {f.Length - 1} fields; at least 4 are expected.");
        }

        long At(int i) => i < f.Length ? ParseText.Long(f[i], Source, $"cpu field {i}") : 0;
        return new CpuTimes(At(1), At(2), At(3), At(4), At(5), At(6), At(7), At(8));
    }
}
