using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Bastion.Core.FanOut;
using Bastion.Core.History;
using Bastion.Core.Inventory;
using Bastion.Mcp;
using Bastion.Store.Sqlite;

namespace Bastion.Bench.StoreBench;

/// <summary>
/// Times the history store alone, in process, on the questions of the range-query benchmark: <c>StoreBench DB END REPS</c>
/// (END: the store's last second, Unix). "history": InfoAsync, the host's ticks and its six CPU series over the 24 h
/// before END at a 900 s step (what metrics_history asks of the store); "top": InfoAsync, cpu.busy_percent of h001..h200
/// over the hour before END at the 60 s sample interval and their ticks (what metrics_top asks). Prints one JSON object:
/// per question the median and p95 wall ms and the mean process CPU ms per call (Process.TotalProcessorTime), after
/// three warm-up calls each; questions interleaved.
/// </summary>
internal static class Program
{
    public static async Task<int> Main(string[] args)
    {
        if (args is not [var path, var endText, var repsText])
        {
            await Console.Error.WriteLineAsync("usage: StoreBench DB END_UNIX_SECONDS REPS");
            return 2;
        }

        var end = DateTimeOffset.FromUnixTimeSeconds(long.Parse(endText, CultureInfo.InvariantCulture));
        var reps = int.Parse(repsText, CultureInfo.InvariantCulture);
        using var store = new SqliteHistoryStore(path, new HistoryOptions(), TimeProvider.System);
        var hosts = Enumerable.Range(1, 200).Select(i => $"h{i:000}").ToList();
        var none = CancellationToken.None;
        var inventory = new BenchInventory([.. hosts.Select(h => Host.Ssh(h, "127.0.0.1", 1))]);
        var reader = new HistoryReader(inventory, store, new HistoryOptions(), new FanOutOptions(), TimeProvider.System);
        var until = end.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture);
        var since = end.AddHours(-24).ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture);
        var questions = new Dictionary<string, Func<Task<int>>>
        {
            ["history"] = async () =>
            {
                await store.InfoAsync(none);
                var ticks = await store.TicksAsync("h042", end.AddHours(-24), end, none);
                var series = await store.SeriesAsync(new SeriesQuery("h042", "cpu.", null, end.AddHours(-24), end, TimeSpan.FromSeconds(900)), none);
                return ticks.Count + series.Sum(s => s.Points.Count);
            },
            ["top"] = async () =>
            {
                await store.InfoAsync(none);
                var series = await store.SeriesOfHostsAsync(hosts, "cpu.busy_percent", "", end.AddHours(-1), end, TimeSpan.FromSeconds(60), none);
                var ticks = await store.TicksOfHostsAsync(hosts, end.AddHours(-1), end, none);
                return series.Sum(s => s.Points.Count) + ticks.Values.Sum(t => t.Count);
            },
            ["top_series"] = async () => (await store.SeriesOfHostsAsync(hosts, "cpu.busy_percent", "", end.AddHours(-1), end, TimeSpan.FromSeconds(60), none)).Count,
            ["top_ticks"] = async () => (await store.TicksOfHostsAsync(hosts, end.AddHours(-1), end, none)).Count,
            ["top_tick_runs"] = async () => (await store.TickRunsOfHostsAsync(hosts, end.AddHours(-1), end, TimeSpan.FromSeconds(150), none)).Count,
            ["info"] = async () => (await store.InfoAsync(none)).Oldest is null ? 0 : 1,
            // The reader and the answer's JSON, as the tools build them (no MCP pipeline, no HTTP).
            ["history_reader"] = async () =>
            {
                var answer = await reader.HistoryAsync("h042", ["cpu"], since, until, "auto", null, none);
                return JsonSerializer.SerializeToElement(answer, BastionJson.Info<HistoryAnswer>()).GetRawText().Length;
            },
            ["top_reader"] = async () =>
            {
                var answer = await reader.TopAsync("all", "cpu", "avg", "1h", until, 5, null, none);
                return JsonSerializer.SerializeToElement(answer, BastionJson.Info<TopAnswer>()).GetRawText().Length;
            },
        };
        var wall = questions.Keys.ToDictionary(k => k, _ => new List<double>());
        var cpu = questions.Keys.ToDictionary(k => k, _ => 0.0);
        var rows = new Dictionary<string, int>();
        for (var warm = 0; warm < 3; warm++)
        {
            foreach (var q in questions.Values)
            {
                await q();
            }
        }

        using var self = Process.GetCurrentProcess();
        for (var i = 0; i < reps; i++)
        {
            foreach (var (name, q) in questions)
            {
                self.Refresh();
                var cpu0 = self.TotalProcessorTime;
                var clock = Stopwatch.StartNew();
                rows[name] = await q();
                wall[name].Add(clock.Elapsed.TotalMilliseconds);
                self.Refresh();
                cpu[name] += (self.TotalProcessorTime - cpu0).TotalMilliseconds;
            }
        }

        var result = questions.Keys.ToDictionary(k => k, k =>
        {
            var sorted = wall[k].Order().ToList();
            return new Dictionary<string, double>
            {
                ["median_ms"] = Math.Round(sorted[sorted.Count / 2], 2),
                ["p95_ms"] = Math.Round(sorted[Math.Min(sorted.Count - 1, (int)Math.Ceiling(sorted.Count * 0.95) - 1)], 2),
                ["cpu_ms"] = Math.Round(cpu[k] / reps, 2),
                ["points_and_ticks"] = rows[k], // or rows, hosts, or answer characters
            };
        });
        Console.WriteLine(JsonSerializer.Serialize(result));
        return 0;
    }
}
