using System.CommandLine;

namespace Bastion.Cli;

/// <summary>
/// <c>bastion top METRIC [--window 1h] [--target all] [--limit 5] [--aggregate avg]</c>: calls metrics_top in-process
/// and prints the ranking as <c>--table</c> does, through the shared renderer: what was ranked over which window, a row
/// per host (rank, value, trend per hour, last, samples), the hosts without data and the notes. Exit codes as
/// <c>bastion call</c>: 0 ok, 1 tool error, 2 bad usage.
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
            result => ResultTables.Write("metrics_top", result.StructuredContent!.Value),
            cancellationToken));
        return command;
    }
}
