using System.Globalization;
using Bastion.Core.History;
using Microsoft.Extensions.Time.Testing;

namespace Bastion.Store.Sqlite.Tests;

/// <summary>
/// The test assembly's entry point, used as a child process by <see cref="ChunkCrashTests"/>:
/// <c>dotnet Bastion.Store.Sqlite.Tests.dll tick-burst &lt;history.db&gt; &lt;unix second&gt; &lt;first minute&gt;</c> writes
/// one tick a minute of fake time from that minute on (cpu = minute % 97, a counter that grows by 1000 and resets every 45 minutes) until it is killed,
/// printing each tick's minute once WriteAsync returned it. With no arguments it does nothing (the test runner never calls it).
/// </summary>
internal static class TickBurstChild
{
    public static async Task<int> Main(string[] args)
    {
        if (args is not ["tick-burst", var path, var at, var first])
        {
            return args.Length == 0 ? 0 : 2;
        }

        var start = DateTimeOffset.FromUnixTimeSeconds(long.Parse(at, CultureInfo.InvariantCulture));
        var clock = new FakeTimeProvider(start);
        using var store = new SqliteHistoryStore(path, new HistoryOptions(), clock);
        var output = Console.Out;
        for (var minute = int.Parse(first, CultureInfo.InvariantCulture); ; minute++)
        {
            await store.WriteAsync([ChunkCrashTests.Tick(start, minute)], CancellationToken.None);
            output.WriteLine(minute.ToString(CultureInfo.InvariantCulture));
            output.Flush();
        }
    }
}
