namespace Bastion.Core.Linux;

/// <summary>From <c>/proc/uptime</c>.</summary>
/// <param name="UptimeSeconds">Seconds since boot (0.01 s resolution).</param>
/// <param name="IdleSeconds">Idle time summed over all CPUs, in seconds.</param>
public sealed record Uptime(double UptimeSeconds, double IdleSeconds)
{
    private const string Source = "/proc/uptime";

    /// <exception cref="FormatException">Not two numbers.</exception>
    public static Uptime Parse(string text)
    {
        ParseText.RequireText(text, Source);
        var f = ParseText.Fields(text.Trim());
        return new Uptime(
            ParseText.Double(f[0], Source, "uptime"),
            f.Length > 1 ? ParseText.Double(f[1], Source, "idle time") : 0);
    }
}
