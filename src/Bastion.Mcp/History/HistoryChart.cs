using Bastion.Core.History;
using ScottPlot;

namespace Bastion.Mcp.History;

/// <summary>
/// Draws one metrics_history answer as a PNG line chart (ScottPlot over SkiaSharp): the answer's first series name that
/// has points, one line per host and instance (at most <see cref="MaxLines"/>), time on x in UTC, the series' unit on y.
/// </summary>
public static class HistoryChart
{
    /// <summary>Most lines in one chart; further hosts and instances are left out and named in the title.</summary>
    public const int MaxLines = 8;

    /// <summary>Width of the image, pixels.</summary>
    public const int Width = 1000;

    /// <summary>Height of the image, pixels.</summary>
    public const int Height = 500;

    /// <summary>The PNG bytes, or null when no series of the answer has a point.</summary>
    public static byte[]? Draw(HistoryAnswer answer)
    {
        var metric = answer.Hosts.SelectMany(h => h.Series).FirstOrDefault(s => s.Points.Count > 0)?.Metric;
        if (metric is null)
        {
            return null;
        }

        var lines = answer.Hosts
            .SelectMany(h => h.Series.Where(s => s.Metric == metric && s.Points.Count > 0).Select(s => (Label: Label(h.Host, s.Instance), s.Points)))
            .ToList();
        using var plot = new Plot();
        foreach (var (label, points) in lines.Take(MaxLines))
        {
            var xs = points.Select(p => p.Time.UtcDateTime.ToOADate()).ToArray();
            var ys = points.Select(p => p.Value).ToArray();
            var scatter = plot.Add.Scatter(xs, ys);
            scatter.LegendText = label;
            scatter.MarkerSize = points.Count == 1 ? 6 : 0;
            scatter.LineWidth = 2;
        }

        plot.Axes.DateTimeTicksBottom();
        plot.Axes.SetLimitsX(answer.Since.UtcDateTime.ToOADate(), answer.Until.UtcDateTime.ToOADate());
        plot.XLabel("Time (UTC)");
        plot.YLabel($"{metric} ({Unit(metric)})");
        var left = lines.Count > MaxLines ? $" (first {MaxLines} of {lines.Count} lines)" : "";
        plot.Title($"{metric}, {answer.Since.UtcDateTime:yyyy-MM-dd HH:mm} to {answer.Until.UtcDateTime:yyyy-MM-dd HH:mm} UTC{left}");
        plot.ShowLegend(Alignment.UpperRight);
        return plot.GetImageBytes(Width, Height, ImageFormat.Png);
    }

    /// <summary>The unit a series name ends with, for the axis label.</summary>
    public static string Unit(string metric) => metric switch
    {
        _ when metric.EndsWith("_percent", StringComparison.Ordinal) => "%",
        _ when metric.EndsWith("_bytes_per_second", StringComparison.Ordinal) => "bytes/s",
        _ when metric.EndsWith("_per_second", StringComparison.Ordinal) => "per second",
        _ when metric.EndsWith("_bytes", StringComparison.Ordinal) => "bytes",
        _ when metric.EndsWith("_ms", StringComparison.Ordinal) => "ms",
        _ when metric.StartsWith("load.", StringComparison.Ordinal) => "load average",
        _ => "value",
    };

    private static string Label(string host, string instance) => instance.Length == 0 ? host : $"{host} {instance}";
}
