using System.CommandLine;
using Bastion.Core;
using Bastion.Core.History;

namespace Bastion.Cli;

/// <summary>The history collector's options, taken by <c>serve</c> and <c>collect</c>.</summary>
internal static class HistoryFlags
{
    private static readonly Option<string?> Interval = new("--collect-interval")
    {
        Description = $"Time between two samples of every host by the history collector, e.g. 60s, 5m (default 60s; ${HistoryOptions.IntervalVariable} in seconds when the flag is absent).",
    };

    private static readonly Option<string[]> GroupIntervals = new("--collect-group-interval")
    {
        Description = "An interval of its own for the hosts of an inventory group, GROUP=DURATION, e.g. db=15s (repeat it, or separate with commas, for several groups; a host in several takes the shortest).",
        AllowMultipleArgumentsPerToken = false,
    };

    private static readonly Option<string?> RawRetention = new("--history-raw") { Description = "How long raw history samples are kept, e.g. 7d (default)." };
    private static readonly Option<string?> RollupRetention = new("--history-rollups") { Description = "How long 5-minute history rollups (min, avg, max) are kept, e.g. 90d (default)." };

    /// <summary>Adds the collector's options to <paramref name="command"/>.</summary>
    public static void AddTo(Command command)
    {
        command.Options.Add(Interval);
        command.Options.Add(GroupIntervals);
        command.Options.Add(RawRetention);
        command.Options.Add(RollupRetention);
    }

    /// <summary>Adds only the retention options (for commands that read history but do not collect).</summary>
    public static void AddRetentionTo(Command command)
    {
        command.Options.Add(RawRetention);
        command.Options.Add(RollupRetention);
    }

    /// <summary>The collector's options from the command line and the environment.</summary>
    /// <exception cref="BastionException">A value that is not a duration.</exception>
    public static HistoryOptions Options(ParseResult parse)
    {
        var defaults = new HistoryOptions();
        return new HistoryOptions
        {
            Interval = Duration(parse, Interval) ?? HistoryOptions.IntervalFromEnvironment() ?? defaults.Interval,
            GroupIntervals = HistoryOptions.ParseGroupIntervals(parse.GetResult(GroupIntervals) is null ? [] : parse.GetValue(GroupIntervals) ?? []),
            RawRetention = Duration(parse, RawRetention) ?? defaults.RawRetention,
            RollupRetention = Duration(parse, RollupRetention) ?? defaults.RollupRetention,
        };
    }

    private static TimeSpan? Duration(ParseResult parse, Option<string?> option)
    {
        var text = parse.GetResult(option) is null ? null : parse.GetValue(option);
        return text is null
            ? null
            : HistoryTime.Duration(text) ?? throw new BastionException($"{option.Name} '{text}' is not a duration. Accepted: a number with s, m, h or d, e.g. 30s, 5m, 7d.");
    }
}
