using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using Bastion.Core.Alerts;
using Bastion.Mcp;
using Spectre.Console;

namespace Bastion.Cli;

/// <summary>
/// <c>bastion alerts [--all] [--since -24h] [--target all] [--limit 50]</c>: calls alerts_list in-process and prints the
/// alerts as a table, the firing ones by default. Exit codes as <c>bastion call</c>: 0 ok, 1 tool error, 2 bad usage.
/// </summary>
internal static class AlertsCommand
{
    public static Command Create()
    {
        var all = new Option<bool>("--all") { Description = "Firing and resolved alerts (default: firing only)." };
        var since = new Option<string?>("--since") { Description = "Only alerts active at or after this time: -24h, -7d, or ISO 8601." };
        var target = new Option<string>("--target") { Description = "Hosts: all, a host, @group, or a comma-separated list.", DefaultValueFactory = _ => "all" };
        var limit = new Option<int>("--limit") { Description = "Alerts shown (1-200).", DefaultValueFactory = _ => 50 };
        var logLevel = CommonOptions.LogLevel();
        var command = new Command("alerts", "Show the alerts raised by the rules of alerts.yaml (firing now by default).") { all, since, target, limit, logLevel };
        ServerFlags.AddTo(command);
        command.SetAction((parse, cancellationToken) => InProcessCall.RunAsync(
            parse,
            parse.GetValue(logLevel),
            "alerts_list",
            _ =>
            {
                var arguments = new Dictionary<string, object?>
                {
                    ["state"] = parse.GetValue(all) ? "all" : "firing",
                    ["target"] = parse.GetValue(target),
                    ["limit"] = parse.GetValue(limit),
                };
                if (parse.GetValue(since) is { } from)
                {
                    arguments["since"] = from;
                }

                return arguments;
            },
            result => Print(result.StructuredContent!.Value.Deserialize(BastionJson.Info<AlertsAnswer>())!, parse.GetValue(all)),
            cancellationToken));
        return command;
    }

    private static void Print(AlertsAnswer answer, bool all)
    {
        var console = AnsiConsole.Console;
        console.WriteLine($"{answer.FiringNow} firing now; {answer.Total} {(all ? "alerts" : "firing")} matched");
        if (answer.Alerts.Count > 0)
        {
            var table = new Table().AddColumns("state", "severity", "rule", "host", "metric", "condition", "value", "since (UTC)", "resolved (UTC)");
            foreach (var a in answer.Alerts)
            {
                table.AddRow(
                    a.State,
                    a.Severity,
                    Markup.Escape(a.Rule),
                    Markup.Escape(a.Host),
                    Markup.Escape(a.Metric),
                    Markup.Escape(a.Condition),
                    a.Value.ToString("0.##", CultureInfo.InvariantCulture),
                    a.StartedAt.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture),
                    a.EndedAt?.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture) ?? "-");
            }

            console.Write(table);
        }

        foreach (var note in answer.Notes)
        {
            console.WriteLine($"note: {note}");
        }
    }
}
