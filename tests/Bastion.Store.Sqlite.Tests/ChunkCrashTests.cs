using System.Diagnostics;
using System.Globalization;
using Bastion.Core.History;
using Microsoft.Data.Sqlite;

namespace Bastion.Store.Sqlite.Tests;

/// <summary>
/// A real process writing ticks into hour chunks, killed with SIGKILL mid-chunk (<see cref="TickBurstChild"/>): every
/// tick whose WriteAsync had returned is read back with its values, the file checks out, and the next writer appends to
/// the open chunk.
/// </summary>
public sealed class ChunkCrashTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("bastion-chunk-crash-").FullName;

    /// <summary>The tick <see cref="TickBurstChild"/> writes at <paramref name="minute"/>.</summary>
    internal static HostTick Tick(DateTimeOffset start, int minute) =>
        new("web-01", start.AddMinutes(minute), TickStatus.Ok, null,
            [new MetricValue("cpu.busy_percent", "", minute % 97), new MetricValue("net.rx_bytes", "eth0", minute % 45 * 1000.5)], [], []);

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        Directory.Delete(_directory, recursive: true);
    }

    [Fact]
    public async Task Writer_KilledMidChunk_LosesNoAnsweredTick_AndTheNextWriterAppends()
    {
        var path = Path.Combine(_directory, "history.db");
        var start = StoreFixture.Start.AddMinutes(17); // chunks are hours: the first one starts part-way
        var answered = new List<int>();
        foreach (var ticks in new[] { 70, 130 })
        {
            var offset = answered.Count == 0 ? 0 : answered.Max() + 1;
            answered.AddRange(await BurstAndKillAsync(path, start, offset, ticks));
        }

        answered.Count.ShouldBeGreaterThanOrEqualTo(200);
        var clock = new Microsoft.Extensions.Time.Testing.FakeTimeProvider(start);
        using var store = new SqliteHistoryStore(path, new HistoryOptions(), clock);
        var end = start.AddMinutes(answered.Max() + 1);
        async Task<Dictionary<int, double>> ReadAsync(string metric, string instance) =>
            (await store.SeriesAsync(new SeriesQuery("web-01", metric, instance, start, end.AddMinutes(10), TimeSpan.FromMinutes(1)), CancellationToken.None))
                .ShouldHaveSingleItem().Points.ToDictionary(p => (int)(p.Time - start).TotalMinutes, p => p.Avg);
        var cpu = await ReadAsync("cpu.busy_percent", "");
        var rx = await ReadAsync("net.rx_bytes", "eth0");
        foreach (var minute in answered)
        {
            cpu[minute].ShouldBe(minute % 97, $"minute {minute}");
            rx[minute].ShouldBe(minute % 45 * 1000.5, $"minute {minute}");
        }

        await using (var check = new SqliteConnection($"Data Source={path}"))
        {
            await check.OpenAsync();
            await using var integrity = check.CreateCommand();
            integrity.CommandText = "PRAGMA integrity_check";
            (await integrity.ExecuteScalarAsync()).ShouldBe("ok");
        }

        // A third writer carries on in the chunk the last one left open.
        var next = answered.Max() + 1;
        await store.WriteAsync([Tick(start, next)], CancellationToken.None);
        var last = (await store.SeriesAsync(new SeriesQuery("web-01", "cpu.busy_percent", "", start.AddMinutes(next - 2), start.AddMinutes(next + 1), TimeSpan.FromMinutes(1)), CancellationToken.None))
            .ShouldHaveSingleItem().Points;
        last[^1].Time.ShouldBe(start.AddMinutes(next));
        last[^1].Avg.ShouldBe(next % 97);
    }

    /// <summary>Starts a child writing ticks from minute <paramref name="first"/> after <paramref name="start"/>, kills it (SIGKILL) once it has reported <paramref name="answered"/> returned writes, and returns every minute it reported.</summary>
    private static async Task<List<int>> BurstAndKillAsync(string path, DateTimeOffset start, int first, int answered)
    {
        var info = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in new[] { typeof(TickBurstChild).Assembly.Location, "tick-burst", path, start.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture), first.ToString(CultureInfo.InvariantCulture) })
        {
            info.ArgumentList.Add(argument);
        }

        using var child = Process.Start(info)!;
        using var stuck = new CancellationTokenSource(TimeSpan.FromMinutes(5)); // a guard against a hung child, not a measure
        var errors = child.StandardError.ReadToEndAsync();
        var minutes = new List<int>();
        try
        {
            while (minutes.Count < answered && await child.StandardOutput.ReadLineAsync(stuck.Token) is { } line)
            {
                minutes.Add(int.Parse(line, CultureInfo.InvariantCulture));
            }

            if (minutes.Count < answered)
            {
                throw new InvalidOperationException($"The child stopped after {minutes.Count} ticks: {await errors}");
            }
        }
        finally
        {
            child.Kill(); // SIGKILL: no finally blocks, no Dispose, no checkpoint in the child
        }

        while (await child.StandardOutput.ReadLineAsync(stuck.Token) is { } line)
        {
            minutes.Add(int.Parse(line, CultureInfo.InvariantCulture));
        }

        await child.WaitForExitAsync(stuck.Token);
        return minutes;
    }
}
