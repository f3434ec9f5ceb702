namespace Bastion.Core.Linux;

/// <summary>Cumulative counters of one network interface since boot, from <c>/proc/net/dev</c>.</summary>
public sealed record NetDevCounters(
    string Interface,
    long RxBytes,
    long RxPackets,
    long RxErrors,
    long RxDrops,
    long TxBytes,
    long TxPackets,
    long TxErrors,
    long TxDrops)
{
    private const string Source = "/proc/net/dev";

    /// <summary>Parses the whole file (two header lines, then one line per interface).</summary>
    /// <exception cref="FormatException">Empty text, or an interface line with fewer than 16 counters.</exception>
    public static IReadOnlyList<NetDevCounters> Parse(string text)
    {
        ParseText.RequireText(text, Source);
        var result = new List<NetDevCounters>();
        foreach (var line in ParseText.Lines(text))
        {
            var colon = line.IndexOf(':', StringComparison.Ordinal);
            if (colon <= 0 || line.Contains('|', StringComparison.Ordinal))
            {
                continue;
            }

            var name = line[..colon].Trim();
            var f = ParseText.Fields(line[(colon + 1)..]);
            if (f.Length < 16)
            {
                throw new FormatException($"{Source}: interface '{name}' has {f.Length} counters; 16 are expected.");
            }

            long N(int i) => ParseText.Long(f[i], Source, $"counter {i} of '{name}'");
            result.Add(new NetDevCounters(name, N(0), N(1), N(2), N(3), N(8), N(9), N(10), N(11)));
        }

        return result;
    }
}
