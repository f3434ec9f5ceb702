using Bastion.Core.History;
using Bastion.Store.Sqlite;
using Microsoft.Data.Sqlite;

namespace Bastion.Tests;

/// <summary><c>bastion doctor</c> reports the history store: bytes on disk, rows, coverage, interval and retention.</summary>
public sealed class DoctorHistoryCliTests : IDisposable
{
    private readonly string _data = Directory.CreateTempSubdirectory("bastion-doctor-history-").FullName;

    public void Dispose() => Directory.Delete(_data, recursive: true);

    [Fact]
    public async Task Doctor_ReportsHistorySize_RowsCoverageIntervalAndRetention()
    {
        File.SetUnixFileMode(_data, (UnixFileMode)0x1C0);
        var (code, stdout, _) = await BastionProcess.RunInAsync(_data, "doctor", "--no-hosts");
        code.ShouldBe(0, stdout);
        stdout.ShouldContain("no history yet");
        File.Exists(Path.Combine(_data, SqliteStoreSetup.HistoryFile)).ShouldBeFalse("doctor never creates the store");

        var start = DateTimeOffset.UtcNow.AddMinutes(-10);
        var store = new SqliteHistoryStore(Path.Combine(_data, SqliteStoreSetup.HistoryFile), new HistoryOptions(), TimeProvider.System);
        await store.SetSampleIntervalAsync(TimeSpan.FromSeconds(60), CancellationToken.None);
        for (var minute = 0; minute < 10; minute++)
        {
            var at = start.AddMinutes(minute);
            await store.WriteAsync(
                [
                    new HostTick("web-01", at, TickStatus.Ok, null, [new MetricValue("cpu.busy_percent", "", minute), new MetricValue("load.load1", "", 0.5)], [], []),
                    new HostTick("web-02", at, TickStatus.Ok, null, [new MetricValue("cpu.busy_percent", "", 3)], [], []),
                ],
                CancellationToken.None);
        }

        store.Dispose();
        SqliteConnection.ClearAllPools();
        var size = new FileInfo(Path.Combine(_data, SqliteStoreSetup.HistoryFile)).Length;

        (code, stdout, _) = await BastionProcess.RunInAsync(_data, "doctor", "--no-hosts", "--history-raw", "14d");
        code.ShouldBe(0, stdout);
        var line = stdout.Split('\n').Single(l => l.Contains("│ history", StringComparison.Ordinal) || l.TrimStart().StartsWith("history", StringComparison.Ordinal));
        line.ShouldContain("ok");
        var found = FoundOf(stdout, "history");
        found.ShouldContain("30 samples");
        found.ShouldContain("20 ticks of 2 host(s), 3 series");
        found.ShouldContain($"covers {start:yyyy-MM-dd HH:mm} to {start.AddMinutes(9):yyyy-MM-dd HH:mm} UTC, raw from {start:yyyy-MM-dd HH:mm}");
        found.ShouldContain("interval 60 s");
        found.ShouldContain("kept: raw 14d, 5-minute rollups 90d");
        found.ShouldContain(" bytes (≈ ");
        size.ShouldBeGreaterThan(0);
    }

    /// <summary>The "found" cell of a check's row in doctor's table, its wrapped lines joined with spaces.</summary>
    private static string FoundOf(string stdout, string check)
    {
        var cells = stdout.Split('\n').Where(l => l.StartsWith('│')).Select(l => l.Split('│')).ToList();
        var row = cells.FindIndex(c => c[1].Trim() == check);
        row.ShouldBeGreaterThanOrEqualTo(0, stdout);
        var parts = new List<string> { cells[row][3].Trim() };
        parts.AddRange(cells.Skip(row + 1).TakeWhile(c => c[1].Trim().Length == 0).Select(c => c[3].Trim()));
        return string.Join(' ', parts);
    }
}
