using System.CommandLine;
using Bastion.Core.History;
using Microsoft.Extensions.DependencyInjection;

namespace Bastion.Cli;

/// <summary><c>bastion collect</c>: the history collector alone, in the foreground (for a systemd unit or a container when no server runs).</summary>
internal static class CollectCommand
{
    public static Command Create()
    {
        var logLevel = CommonOptions.LogLevel();
        var command = new Command("collect", "Sample every host of the inventory on an interval into the history store (history.db in the data directory), in the foreground until stopped. One collector per data directory; servers read what it writes.")
        {
            logLevel,
        };
        ServerFlags.AddTo(command);
        HistoryFlags.AddTo(command);
        command.SetAction(async (parse, cancellationToken) =>
        {
            await using var services = Composition.Build(parse, parse.GetValue(logLevel));
            var collector = services.GetRequiredService<HistoryCollector>();
            await Console.Error.WriteLineAsync($"Collecting history every {collector.Options.Interval.TotalSeconds:0.###} s into {ServerFlags.Paths(parse).DataDirectory}; Ctrl-C stops.");
            try
            {
                await collector.RunAsync(cancellationToken);
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
            }

            return 0;
        });
        return command;
    }
}
