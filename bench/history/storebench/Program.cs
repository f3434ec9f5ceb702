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
/// Times the history store alone, in process, on the questions of the range-query benchmark: <c>StoreBench DB END REPS [QUESTION...]</c>
/// (END: the store's last second, Unix). "history": InfoAsync, the host's ticks and its six CPU series over the 24 h
/// before END at a 900 s step (what metrics_history asks of the store); "top": InfoAsync, cpu.busy_percent of h001..h200
/// over the hour before END at the 60 s sample interval and their ticks (what metrics_top asks). Both still ask InfoAsync,
/// which the readers asked before every answer until IHistoryStore.SettingsAsync, so that the figures compare with older
/// builds (BastionSrc); "history_reader" and "top_reader" ask what the tools ask now. Prints one JSON object:
/// per question the median and p95 wall ms, the mean process CPU ms per call (Process.TotalProcessorTime) and the mean
/// KiB allocated on the managed heap and ms the garbage collector paused the process per call
/// (GC.GetTotalAllocatedBytes, GC.GetTotalPauseDuration), after three warm-up calls each; questions
/// interleaved. Only the questions named are asked when some are (e.g. <c>top_reader</c>, to profile one).
/// <c>StoreBench DB END answers</c> times nothing: it prints the JSON answers of a set of metrics_top and
/// metrics_history questions about the window before END (every ranking and aggregate, windows that start and end inside
/// an hour's chunk, steps that read raw samples, rollups or both), one line each, so two builds' answers can be compared
/// byte for byte. Named only, as they write into the store: "tick" adds a tick of all 200 hosts a minute after the
/// last; "top_after_tick" does so and then asks what "top_reader" asks of the hour ending at that tick (what a ranking
/// costs in a serving process whose collector writes between calls; the difference of the two).
/// </summary>
internal static class Program
{
    public static async Task<int> Main(string[] args)
    {
        if (args is not [var path, var endText, var repsText, .. var only])
        {
            await Console.Error.WriteLineAsync("usage: StoreBench DB END_UNIX_SECONDS REPS [QUESTION...]");
            return 2;
        }

        var end = DateTimeOffset.FromUnixTimeSeconds(long.Parse(endText, CultureInfo.InvariantCulture));
        var clock = new BenchClock(end);
        using var store = new SqliteHistoryStore(path, new HistoryOptions(), clock);
        var hosts = Enumerable.Range(1, 200).Select(i => $"h{i:000}").ToList();
        var none = CancellationToken.None;
        var inventory = new BenchInventory([.. hosts.Select(h => Host.Ssh(h, "127.0.0.1", 1))]);
        var reader = new HistoryReader(inventory, store, new HistoryOptions(), new FanOutOptions(), clock);
        if (repsText == "answers")
        {
            await PrintAnswersAsync(reader, end);
            return 0;
        }

        var reps = int.Parse(repsText, CultureInfo.InvariantCulture);
        var until = Iso(end);
        var since = Iso(end.AddHours(-24));
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
            ["settings"] = async () => (await store.SettingsAsync(none)).SampleInterval is null ? 0 : 1,
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
        // Questions that write: each call first adds a tick of all 200 hosts (the ten series of the synthetic store) a
        // minute after the last, as the collector of a serving process does; asked only when named (they grow the store).
        string[] names = ["cpu.busy_percent", "cpu.user_percent", "cpu.system_percent", "cpu.iowait_percent", "cpu.steal_percent",
                          "cpu.idle_percent", "load.load1", "load.load5", "load.load15", "memory.used_percent"];
        var ticked = end;
        async Task TickAsync()
        {
            ticked = ticked.AddMinutes(1);
            var at = clock.Now = ticked;
            await store.WriteAsync([.. hosts.Select((h, i) => new HostTick(h, at, TickStatus.Ok, null, [.. names.Select(n => new MetricValue(n, "", (i + at.Minute) % 100))], [], []))], none);
        }

        var writing = new Dictionary<string, Func<Task<int>>>
        {
            ["tick"] = async () =>
            {
                await TickAsync();
                return hosts.Count;
            },
            // The ranking a person asks for between the collector's ticks: the hour ending at the tick just written.
            ["top_after_tick"] = async () =>
            {
                await TickAsync();
                var answer = await reader.TopAsync("all", "cpu", "avg", "1h", Iso(ticked.AddSeconds(1)), 5, null, none);
                return JsonSerializer.SerializeToElement(answer, BastionJson.Info<TopAnswer>()).GetRawText().Length;
            },
        };
        foreach (var (name, question) in writing.Where(w => only.Contains(w.Key)))
        {
            questions[name] = question;
        }

        if (only.FirstOrDefault(q => !questions.ContainsKey(q)) is { } unknown)
        {
            await Console.Error.WriteLineAsync($"question '{unknown}' is not known. Accepted: {string.Join(", ", questions.Keys.Union(writing.Keys))}.");
            return 2;
        }

        foreach (var name in only.Length == 0 ? [] : questions.Keys.Except(only).ToList())
        {
            questions.Remove(name);
        }

        var wall = questions.Keys.ToDictionary(k => k, _ => new List<double>());
        var cpu = questions.Keys.ToDictionary(k => k, _ => 0.0);
        var allocated = questions.Keys.ToDictionary(k => k, _ => 0L);
        var paused = questions.Keys.ToDictionary(k => k, _ => TimeSpan.Zero);
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
                var bytes0 = GC.GetTotalAllocatedBytes(precise: true);
                var pause0 = GC.GetTotalPauseDuration();
                self.Refresh();
                var cpu0 = self.TotalProcessorTime;
                var watch = Stopwatch.StartNew();
                rows[name] = await q();
                wall[name].Add(watch.Elapsed.TotalMilliseconds);
                self.Refresh();
                cpu[name] += (self.TotalProcessorTime - cpu0).TotalMilliseconds;
                allocated[name] += GC.GetTotalAllocatedBytes(precise: true) - bytes0;
                paused[name] += GC.GetTotalPauseDuration() - pause0;
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
                ["alloc_kb"] = Math.Round(allocated[k] / 1024.0 / reps, 1),
                ["gc_pause_ms"] = Math.Round(paused[k].TotalMilliseconds / reps, 3),
                ["points_and_ticks"] = rows[k], // or rows, hosts, or answer characters
            };
        });
        Console.WriteLine(JsonSerializer.Serialize(result));
        return 0;
    }

    private static string Iso(DateTimeOffset time) => time.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture);

    /// <summary>The answers of the tools' questions about the store's last week, one JSON line each.</summary>
    private static async Task PrintAnswersAsync(HistoryReader reader, DateTimeOffset end)
    {
        var none = CancellationToken.None;
        // The store's end, a minute inside an hour, and a time between samples: windows cut chunks at both ends.
        DateTimeOffset[] untils = [end, end.AddSeconds(-1234), end.AddHours(-30).AddSeconds(-17)];
        foreach (var until in untils)
        {
            foreach (var metric in HistoryMetrics.Rankings.Keys)
            {
                foreach (var aggregate in (string[])["avg", "max", "p95", "last"])
                {
                    foreach (var window in (string[])["1h", "90m", "24h", "7d"])
                    {
                        var top = await reader.TopAsync("all", metric, aggregate, window, Iso(until), 10, null, none);
                        Console.WriteLine($"top {metric} {aggregate} {window} {Iso(until)} {JsonSerializer.Serialize(top, BastionJson.Info<TopAnswer>())}");
                    }
                }
            }

            foreach (var (host, families, hours, step) in ((string, string[], int, string)[])[
                ("h042", ["cpu"], 24, "900s"), ("h042", ["cpu"], 24, "auto"), ("h007", ["cpu", "load", "memory"], 1, "auto"),
                ("h199", ["load"], 6, "60s"), ("h001", ["memory", "cpu"], 72, "1h"), ("h100", ["cpu"], 24 * 8, "auto"),
                ("h013,h014,h015", ["cpu", "memory"], 3, "5m"), ("h042", ["cpu"], 2, "7m")])
            {
                var history = await reader.HistoryAsync(host, families, Iso(until.AddHours(-hours).AddSeconds(-61)), Iso(until), step, null, none);
                Console.WriteLine($"history {host} {string.Join(',', families)} {hours}h {step} {Iso(until)} {JsonSerializer.Serialize(history, BastionJson.Info<HistoryAnswer>())}");
            }
        }
    }
}
