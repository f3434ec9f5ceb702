namespace Bastion.Core.Linux;

/// <summary>
/// Owner and resident memory of processes, from <c>grep -H -E '^(Uid|VmRSS):' /proc/[0-9]*/status</c>
/// (lines like <c>/proc/42/status:VmRSS:   1234 kB</c>).
/// </summary>
/// <param name="Pid">Process id.</param>
/// <param name="Uid">Real user id.</param>
/// <param name="RssBytes">Resident set size in bytes (VmRSS); 0 for kernel threads, which have none.</param>
public sealed record ProcStatusFields(int Pid, int Uid, long RssBytes)
{
    private const string Source = "/proc/[pid]/status";

    /// <exception cref="FormatException">A line that is not <c>/proc/PID/status:Key: value</c>.</exception>
    public static IReadOnlyDictionary<int, ProcStatusFields> ParseMany(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var result = new Dictionary<int, ProcStatusFields>();
        foreach (var line in ParseText.Lines(text))
        {
            // /proc/42/status:Uid:	1000	1000	1000	1000
            var parts = line.Split(':', 3);
            var path = parts[0].Split('/', StringSplitOptions.RemoveEmptyEntries);
            if (parts.Length < 3 || path is not ["proc", var pidText, "status"] || ParseText.LongOrNull(pidText) is not { } pid)
            {
                throw new FormatException($"{Source}: expected '/proc/PID/status:Key: value', got '{ParseText.Clip(line)}'.");
            }

            var current = result.GetValueOrDefault((int)pid) ?? new ProcStatusFields((int)pid, -1, 0);
            var values = ParseText.Fields(parts[2]);
            result[(int)pid] = parts[1] switch
            {
                "Uid" when values.Length > 0 => current with { Uid = (int)ParseText.Long(values[0], Source, "Uid") },
                "VmRSS" when values.Length > 0 => current with { RssBytes = ParseText.Long(values[0], Source, "VmRSS") * 1024 },
                _ => current,
            };
        }

        return result;
    }
}
