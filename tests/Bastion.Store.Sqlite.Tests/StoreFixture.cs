using Bastion.Core.History;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Time.Testing;

namespace Bastion.Store.Sqlite.Tests;

/// <summary>A history store in a temporary folder, on a fake clock that starts on a 5-minute boundary.</summary>
internal sealed class StoreFixture : IDisposable
{
    public static readonly DateTimeOffset Start = new(2026, 12, 1, 0, 0, 0, TimeSpan.Zero);

    public StoreFixture(HistoryOptions? options = null)
    {
        Directory = System.IO.Directory.CreateTempSubdirectory("bastion-store-").FullName;
        Options = options ?? new HistoryOptions();
        Store = new SqliteHistoryStore(System.IO.Path.Combine(Directory, "history.db"), Options, Clock);
    }

    public string Directory { get; }

    public FakeTimeProvider Clock { get; } = new(Start);

    public HistoryOptions Options { get; }

    public SqliteHistoryStore Store { get; }

    public static HostTick Tick(string host, DateTimeOffset at, double cpu, double disk = 50) =>
        new(host, at, TickStatus.Ok, null,
            [new MetricValue("cpu.busy_percent", "", cpu), new MetricValue("cpu.idle_percent", "", 100 - cpu), new MetricValue("disk.used_percent", "/", disk), new MetricValue("disk.used_percent", HistoryMetrics.AllInstances, disk)],
            [new ProcessSample(42, "busy", cpu, 1000)],
            [new ProcessSample(7, "big", 1, 5000)]);

    /// <summary>Writes one tick a minute for <paramref name="minutes"/> minutes from the clock's time, advancing the clock; cpu goes i % 10 * 10.</summary>
    public async Task WriteMinutesAsync(string host, int minutes)
    {
        for (var i = 0; i < minutes; i++)
        {
            await Store.WriteAsync([Tick(host, Clock.GetUtcNow(), i % 10 * 10)], CancellationToken.None);
            Clock.Advance(TimeSpan.FromMinutes(1));
        }
    }

    public void Dispose()
    {
        Store.Dispose();
        SqliteConnection.ClearAllPools();
        System.IO.Directory.Delete(Directory, recursive: true);
    }
}
