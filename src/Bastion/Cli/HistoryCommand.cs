using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using Bastion.Core.History;
using Bastion.Cli.Tables;
using Bastion.Mcp;

namespace Bastion.Cli;

/// <summary>
/// <c>bastion history HOST [METRIC] [--since -24h] [--until now] [--step auto]</c>: calls metrics_history in-process and
/// prints, per host, each series as a line of block characters, then the tables the shared renderer makes of the answer
/// (as <c>--table</c> does): each series' summary (min, avg, max, p95, last, trend per hour) and each host's coverage.
/// Exit codes as <c>bastion call</c>: 0 ok, 1 tool error, 2 bad usage.
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
            result => Print(result.StructuredContent!.Value),
            cancellationToken));
        return command;
    }

    /// <summary>
    /// The charts, then the same tables <c>bastion call metrics_history --table</c> prints (series summaries, coverage,
    /// notes), through the shared renderer.
    /// </summary>
    private static void Print(JsonElement structured)
    {
        var answer = structured.Deserialize(BastionJson.Info<HistoryAnswer>())!;
        var width = TableWriter.TerminalWidth();
        List<TableBlock> blocks = [.. Charts(answer, Math.Clamp((width ?? 120) - 40, 20, 120)), .. ResultRenderer.Render("metrics_history", structured)];
        TableWriter.Write(blocks, Console.Out, width, TableWriter.UseAnsi());
    }

    /// <summary>Per host: a heading, and each series as a line of block characters at most <paramref name="chartWidth"/> wide.</summary>
    private static IEnumerable<TableBlock> Charts(HistoryAnswer answer, int chartWidth)
    {
        yield return new TextLine($"{answer.Since.UtcDateTime:yyyy-MM-dd HH:mm:ss} to {answer.Until.UtcDateTime:yyyy-MM-dd HH:mm:ss} UTC, step {answer.StepSeconds.ToString("0.#", CultureInfo.InvariantCulture)} s", Verbatim: true);
        foreach (var host in answer.Hosts)
        {
            yield return new TextLine(string.Empty);
            yield return new TextLine($"{host.Host} ({host.Source}): {host.Coverage.Ticks} samples", Verbatim: true);
            var labels = host.Series.Select(s => s.Instance.Length == 0 ? s.Metric : $"{s.Metric} {s.Instance}").ToList();
            var pad = labels.Count == 0 ? 0 : labels.Max(l => l.Length);
            for (var i = 0; i < host.Series.Count; i++)
            {
                yield return new TextLine($"  {labels[i].PadRight(pad)}  {Sparkline.Draw([.. host.Series[i].Points.Select(p => p.Value)], chartWidth)}", Verbatim: true);
            }

            if (host.Series.Count == 0)
            {
                yield return new TextLine("  no series in this window");
            }
        }
    }
}
