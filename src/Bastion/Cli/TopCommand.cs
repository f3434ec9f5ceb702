using System.CommandLine;
using System.Text.Json;
using Bastion.Core.History;
using Bastion.Mcp;
using Spectre.Console;

namespace Bastion.Cli;

/// <summary>
/// <c>bastion top METRIC [--window 1h] [--target all] [--limit 5] [--aggregate avg]</c>: calls metrics_top in-process
/// and prints the ranking as a table. Exit codes as <c>bastion call</c>: 0 ok, 1 tool error, 2 bad usage.
/// </summary>
internal static class TopCommand
{
    public static Command Create()
    {
        var metric = new Argument<string>("metric") { Description = "cpu, memory, load, disk, disk_io, network_rx or network_tx." };
        var window = new Option<string>("--window") { Description = "Window length ending now, e.g. 15m, 1h, 24h.", DefaultValueFactory = _ => "1h" };
        var target = new Option<string>("--target") { Description = "Hosts to rank: all, a host, @group, or a comma-separated list.", DefaultValueFactory = _ => "all" };
        var limit = new Option<int>("--limit") { Description = "Hosts shown (1-100).", DefaultValueFactory = _ => 5 };
        var aggregate = new Option<string>("--aggregate") { Description = "How each host's samples combine: avg, max, p95, last.", DefaultValueFactory = _ => "avg" };
        var logLevel = CommonOptions.LogLevel();
        var command = new Command("top", "Rank hosts by a recorded metric over a window.") { metric, window, target, limit, aggregate, logLevel };
        ServerFlags.AddTo(command);
        command.SetAction((parse, cancellationToken) => InProcessCall.RunAsync(
            parse,
            parse.GetValue(logLevel),
            "metrics_top",
            _ => new()
            {
                ["metric"] = parse.GetValue(metric),
                ["window"] = parse.GetValue(window),
                ["target"] = parse.GetValue(target),
                ["limit"] = parse.GetValue(limit),
                ["aggregate"] = parse.GetValue(aggregate),
            },
            result => Print(result.StructuredContent!.Value.Deserialize<TopAnswer>(BastionJson.Options)!),
            cancellationToken));
        return command;
    }

    private static void Print(TopAnswer answer)
    {
        var console = AnsiConsole.Console;
        console.WriteLine($"{answer.Series} ({answer.Aggregate}), {answer.Since.UtcDateTime:yyyy-MM-dd HH:mm:ss} to {answer.Until.UtcDateTime:yyyy-MM-dd HH:mm:ss} UTC; {answer.Ranked} hosts ranked");
        var table = new Table().AddColumns("rank", "host", answer.Aggregate, "trend/h", "last", "samples");
        foreach (var entry in answer.Hosts)
        {
            table.AddRow(
                entry.Rank.ToString(System.Globalization.CultureInfo.InvariantCulture),
                Markup.Escape(entry.Host),
                HistoryCommand.Figure(entry.Value, answer.Series),
                HistoryCommand.Figure(entry.TrendPerHour, answer.Series),
                HistoryCommand.Figure(entry.Last, answer.Series),
                entry.Samples.ToString(System.Globalization.CultureInfo.InvariantCulture));
        }

        console.Write(table);
        if (answer.WithoutData.Count > 0)
        {
            console.WriteLine($"without data: {string.Join(", ", answer.WithoutData)}");
        }

        foreach (var note in answer.Notes)
        {
            console.WriteLine($"note: {note}");
        }
    }
}
