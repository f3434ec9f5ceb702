namespace Bastion.Core.Linux;

/// <summary>Load averages from <c>/proc/loadavg</c>: runnable plus uninterruptible tasks, averaged.</summary>
/// <param name="One">Over the last minute.</param>
/// <param name="Five">Over the last 5 minutes.</param>
/// <param name="Fifteen">Over the last 15 minutes.</param>
/// <param name="Runnable">Currently runnable scheduling entities (threads).</param>
/// <param name="Total">Scheduling entities that exist.</param>
public sealed record LoadAverage(double One, double Five, double Fifteen, long Runnable, long Total)
{
    private const string Source = "/proc/loadavg";

    /// <exception cref="FormatException">Not the five fields <c>1.00 0.50 0.25 2/300 1234</c>.</exception>
    public static LoadAverage Parse(string text)
    {
        ParseText.RequireText(text, Source);
        var f = ParseText.Fields(text.Trim());
        if (f.Length < 4 || f[3].Split('/') is not [var runnable, var total])
        {
            throw new FormatException($"{Source}: expected '1.00 0.50 0.25 2/300 1234', got '{ParseText.Clip(text.Trim())}'.");
        }

        return new LoadAverage(
            ParseText.Double(f[0], Source, "1-minute load"),
            ParseText.Double(f[1], Source, "5-minute load"),
            ParseText.Double(f[2], Source, "15-minute load"),
            ParseText.Long(runnable, Source, "runnable count"),
            ParseText.Long(total, Source, "task count"));
    }
}
