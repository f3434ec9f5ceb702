using System.Text;

namespace Bastion.Cli;

/// <summary>A series as one line of Unicode block characters (▁ lowest … █ highest), scaled between its own min and max.</summary>
internal static class Sparkline
{
    private const string Blocks = "▁▂▃▄▅▆▇█";

    /// <summary>At most <paramref name="width"/> characters; more values than that are averaged in equal buckets.</summary>
    public static string Draw(IReadOnlyList<double> values, int width)
    {
        if (values.Count == 0 || width <= 0)
        {
            return "";
        }

        var cells = Math.Min(width, values.Count);
        var buckets = new double[cells];
        for (var i = 0; i < cells; i++)
        {
            var from = i * values.Count / cells;
            var to = Math.Max(from + 1, (i + 1) * values.Count / cells);
            buckets[i] = values.Skip(from).Take(to - from).Average();
        }

        var min = buckets.Min();
        var span = buckets.Max() - min;
        var line = new StringBuilder(cells);
        foreach (var value in buckets)
        {
            var level = span <= 0 ? 3 : (int)Math.Round((value - min) / span * (Blocks.Length - 1));
            line.Append(Blocks[Math.Clamp(level, 0, Blocks.Length - 1)]);
        }

        return line.ToString();
    }
}
