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
        var header = stdout.Split('\n').Single(l => l.Contains("series") && l.Contains("p95"));
        header.ShouldContain("trend/h");
        var chart = stdout.Split('\n').Single(l => l.TrimStart().StartsWith("cpu.busy_percent ", StringComparison.Ordinal) && l.Contains('▁'));
        var blocks = chart.Trim().Split("  ", StringSplitOptions.RemoveEmptyEntries).Last();
        blocks.Length.ShouldBe(30, "one character per minute");
        blocks[0].ShouldBe('▁');
        blocks[^1].ShouldBe('█');
        var row = stdout.Split('\n').Single(l => l.Contains("│ cpu.busy_percent"));
        row.ShouldContain("│ 10 ");
        row.ShouldContain("│ 68 ");
        row.ShouldContain("│ 120 ", customMessage: "2 points a minute is 120 an hour");
    }

    [Fact]
    public async Task Top_ListsTheHost_WithItsFigure()
    {
        var (code, stdout, stderr) = await BastionProcess.RunInAsync(_data, "top", "cpu", "--window", "1h");

        code.ShouldBe(0, stderr);
        stdout.ShouldContain("cpu.busy_percent (avg)");
        var row = stdout.Split('\n').Single(l => l.Contains("│ local "));
        row.ShouldContain("│ 1 ");
        row.ShouldContain("│ 68 ", customMessage: "the last sample");
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
}
