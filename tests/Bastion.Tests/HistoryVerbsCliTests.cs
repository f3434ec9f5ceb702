using System.Text.RegularExpressions;
using Bastion.Core.History;
using Bastion.Store.Sqlite;
using Microsoft.Data.Sqlite;

namespace Bastion.Tests;

/// <summary><c>bastion history</c> and <c>bastion top</c> on a history store filled with known figures.</summary>
public sealed class HistoryVerbsCliTests : IAsyncLifetime
{
    private readonly string _data = Directory.CreateTempSubdirectory("bastion-history-verbs-").FullName;

    /// <summary>local's CPU over the last 30 minutes: one tick a minute, rising from 10 % to 68 % by 2 points a minute.</summary>
    public async Task InitializeAsync()
    {
        var now = DateTimeOffset.UtcNow;
        using (var store = new SqliteHistoryStore(Path.Combine(_data, SqliteStoreSetup.HistoryFile), new HistoryOptions(), TimeProvider.System))
        {
            for (var i = 0; i < 30; i++)
            {
                var cpu = 10 + (2 * i);
                var tick = new HostTick("local", now.AddMinutes(i - 30), TickStatus.Ok, null,
                    [new MetricValue("cpu.busy_percent", "", cpu), new MetricValue("cpu.idle_percent", "", 100 - cpu)], [], []);
                await store.WriteAsync([tick], CancellationToken.None);
            }
        }

        SqliteConnection.ClearAllPools();
    }

    public Task DisposeAsync()
    {
        Directory.Delete(_data, recursive: true);
        return Task.CompletedTask;
    }

    [Fact]
    public async Task History_PrintsAChartLineAndTheSummary_OfEachSeries()
    {
        var (code, stdout, stderr) = await BastionProcess.RunInAsync(_data, "history", "local", "cpu", "--since", "-1h", "--step", "60s");

        code.ShouldBe(0, stderr);
        stdout.ShouldContain("local (bastion-collector): 30 samples");
        var lines = stdout.Split('\n');
        var header = lines.Single(l => l.Contains("p95", StringComparison.Ordinal) && l.Contains("trend/h", StringComparison.Ordinal));
        Cells(header).ShouldBe(["host", "metric", "instance", "min", "avg", "max", "p95", "last", "trend/h", "points"]);
        var chart = lines.Single(l => l.TrimStart().StartsWith("cpu.busy_percent ", StringComparison.Ordinal) && l.Contains('▁'));
        var blocks = chart.Trim().Split("  ", StringSplitOptions.RemoveEmptyEntries).Last();
        blocks.Length.ShouldBe(30, "one character per minute");
        blocks[0].ShouldBe('▁');
        blocks[^1].ShouldBe('█');
        var row = Cells(lines.Single(l => Cells(l) is ["local", "cpu.busy_percent", ..]));
        var figures = row.Skip(2).SkipWhile(c => c == "-").ToArray(); // after the (empty) instance: min avg max p95 last trend/h points
        figures[0].ShouldBe("10", "the lowest sample");
        figures[2].ShouldBe("68", "the highest sample");
        figures[4].ShouldBe("68", "the last sample");
        figures[5].ShouldBe("120", "2 points a minute is 120 an hour");
        figures[6].ShouldBe("30", "one point a minute");
    }

    [Fact]
    public async Task Top_ListsTheHost_WithItsFigure()
    {
        var (code, stdout, stderr) = await BastionProcess.RunInAsync(_data, "top", "cpu", "--window", "1h");

        code.ShouldBe(0, stderr);
        stdout.ShouldContain("series: cpu.busy_percent");
        stdout.ShouldContain("aggregate: avg");
        var row = Cells(stdout.Split('\n').Single(l => Cells(l) is ["1", "local", ..]));
        row[4].ShouldBe("68", "the last sample");
        row[5].ShouldBe("30", "one sample a minute");
    }

    [Fact]
    public async Task HistoryAndTop_ExitOne_WithTheAcceptedMetrics_OnAnUnknownMetric()
    {
        var history = await BastionProcess.RunInAsync(_data, "history", "local", "temperature");
        history.ExitCode.ShouldBe(1);
        history.Stderr.ShouldContain("Accepted: cpu, load, memory, swap, disk, disk_io, network, processes");

        var top = await BastionProcess.RunInAsync(_data, "top", "temperature");
        top.ExitCode.ShouldBe(1);
        top.Stderr.ShouldContain("Accepted: cpu, memory, load, disk, disk_io, network_rx, network_tx");
    }

    /// <summary>The cells of a line the shared table writer printed: columns are two or more spaces apart; empty cells vanish.</summary>
    private static string[] Cells(string line) => Regex.Split(line.Trim(), " {2,}");
}
