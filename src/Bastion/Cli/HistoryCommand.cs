using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using Bastion.Core.History;
using Bastion.Mcp;
using Spectre.Console;

namespace Bastion.Cli;

/// <summary>
/// <c>bastion history HOST [METRIC] [--since -24h] [--until now] [--step auto]</c>: calls metrics_history in-process and
/// prints, per host, each series as a line of block characters and a table of its summary (min, avg, max, p95, last,
/// trend per hour). Exit codes as <c>bastion call</c>: 0 ok, 1 tool error, 2 bad usage.
/// </summary>
internal static class HistoryCommand
{
    public static Command Create()
    {
        var host = new Argument<string>("host") { Description = "Host or target, e.g. local, web-01, @web." };
        var metric = new Argument<string>("metric")
        {
            Description = "Comma-separated families: cpu, load, memory, swap, disk, disk_io, network (default cpu,load,memory).",
            Arity = ArgumentArity.ZeroOrOne,
            DefaultValueFactory = _ => "cpu,load,memory",
        };
        var since = new Option<string>("--since") { Description = "Window start: -30m, -24h, -7d, or ISO 8601.", DefaultValueFactory = _ => "-24h" };
        var until = new Option<string>("--until") { Description = "Window end: now, relative, or ISO 8601.", DefaultValueFactory = _ => "now" };
        var step = new Option<string>("--step") { Description = "Point width: auto, or e.g. 60s, 5m.", DefaultValueFactory = _ => "auto" };
        var logLevel = CommonOptions.LogLevel();
        var command = new Command("history", "Show a host's recorded metrics over time: a line chart and a summary per series.") { host, metric, since, until, step, logLevel };
        ServerFlags.AddTo(command);
        command.SetAction((parse, cancellationToken) => InProcessCall.RunAsync(
            parse,
            parse.GetValue(logLevel),
            "metrics_history",
            _ => new()
            {
                ["target"] = parse.GetValue(host),
                ["metrics"] = parse.GetValue(metric),
                ["since"] = parse.GetValue(since),
                ["until"] = parse.GetValue(until),
                ["step"] = parse.GetValue(step),
            },
            result => Print(result.StructuredContent!.Value.Deserialize<HistoryAnswer>(BastionJson.Options)!),
            cancellationToken));
        return command;
    }

    private static void Print(HistoryAnswer answer)
    {
        var console = AnsiConsole.Console;
        var chartWidth = Math.Clamp(console.Profile.Width - 40, 20, 120);
        console.WriteLine($"{answer.Since.UtcDateTime:yyyy-MM-dd HH:mm:ss} to {answer.Until.UtcDateTime:yyyy-MM-dd HH:mm:ss} UTC, step {answer.StepSeconds:0.#} s");
        foreach (var host in answer.Hosts)
        {
            var coverage = host.Coverage;
            console.WriteLine();
            console.WriteLine($"{host.Host} ({host.Source}): {coverage.Ticks} samples");
            var labels = host.Series.Select(Label).ToList();
            var pad = labels.Count == 0 ? 0 : labels.Max(l => l.Length);
            for (var i = 0; i < host.Series.Count; i++)
            {
                console.WriteLine($"  {labels[i].PadRight(pad)}  {Sparkline.Draw([.. host.Series[i].Points.Select(p => p.Value)], chartWidth)}");
            }

            if (host.Series.Count == 0)
            {
                console.WriteLine("  no series in this window");
                continue;
            }

            var table = new Table().AddColumns("series", "min", "avg", "max", "p95", "last", "trend/h");
            for (var i = 0; i < host.Series.Count; i++)
            {
                var s = host.Series[i].Summary;
                table.AddRow([Markup.Escape(labels[i]), .. s is null ? Enumerable.Repeat("-", 6) : new[] { s.Min, s.Avg, s.Max, s.P95, s.Last, s.TrendPerHour }.Select(v => Figure(v, host.Series[i].Metric))]);
            }

            console.Write(table);
        }

        foreach (var note in answer.Notes)
        {
            console.WriteLine($"note: {note}");
        }
    }

    private static string Label(HistorySeries series) => series.Instance.Length == 0 ? series.Metric : $"{series.Metric} {series.Instance}";

    /// <summary>A figure with at most two decimals, in the series' own unit; bytes in KiB, MiB, GiB or TiB when large.</summary>
    internal static string Figure(double value, string metric)
    {
        var perSecond = metric.EndsWith("_bytes_per_second", StringComparison.Ordinal);
        if (!perSecond && !metric.EndsWith("_bytes", StringComparison.Ordinal))
        {
            return value.ToString("#,0.##", CultureInfo.InvariantCulture);
        }

        string[] units = ["B", "KiB", "MiB", "GiB", "TiB"];
        var unit = 0;
        for (; unit < units.Length - 1 && Math.Abs(value) >= 1024; unit++)
        {
            value /= 1024;
        }

        return $"{value.ToString("#,0.##", CultureInfo.InvariantCulture)} {units[unit]}{(perSecond ? "/s" : "")}";
    }
}
