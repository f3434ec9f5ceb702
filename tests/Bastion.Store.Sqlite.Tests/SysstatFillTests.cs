using System.Text.Json;
using Bastion.Core.History;
using Bastion.Core.Inventory;

namespace Bastion.Store.Sqlite.Tests;

/// <summary>The window before Bastion's first tick is filled from the host's sar data (real sadc files, read with sadf -j).</summary>
public class SysstatFillTests
{
    private static readonly CancellationToken None = CancellationToken.None;

    /// <summary>Checks one host of a metrics_history answer: sysstat series lie before the first tick, the collector's after.</summary>
    internal static void ShouldBeFilledFromSar(JsonElement host)
    {
        host.GetProperty("source").GetString().ShouldBe("bastion-collector+sysstat");
        var firstTick = host.GetProperty("coverage").GetProperty("first_sample").GetDateTimeOffset();
        var series = host.GetProperty("series").EnumerateArray().ToList();
        var sar = series.Where(s => s.GetProperty("source").GetString() == "sysstat").ToList();
        sar.ShouldContain(s => s.GetProperty("metric").GetString() == "cpu.busy_percent");
        sar.ShouldContain(s => s.GetProperty("metric").GetString() == "memory.used_percent");
        sar.SelectMany(s => s.GetProperty("points").EnumerateArray()).ShouldAllBe(p => DateTimeOffset.FromUnixTimeSeconds(p[0].GetInt64()) < firstTick);
        series.ShouldContain(s => s.GetProperty("source").GetString() == "bastion-collector" && s.GetProperty("metric").GetString() == "memory.used_percent");

        var sources = host.GetProperty("sources").EnumerateArray().ToList();
        sources.Select(s => s.GetProperty("source").GetString()).ShouldBe(["bastion-collector", "sysstat"]);
        sources[1].GetProperty("asked_to").GetDateTimeOffset().ShouldBeGreaterThanOrEqualTo(firstTick.AddSeconds(-1), "sysstat is asked for what the store does not cover: up to one interval (1 s) before the first tick");
        sources[1].GetProperty("covered").GetArrayLength().ShouldBeGreaterThan(0);
    }

    [Fact]
    public async Task MetricsHistory_FillsTheWindowBeforeTheFirstTick_FromSarOnTheLocalHost()
    {
        using var sar = await SarData.CreateAsync(samples: 3);
        await using var h = await HistoryHarness.StartAsync(history: new HistoryOptions { Interval = TimeSpan.FromSeconds(1), SysstatDirectories = [sar.Directory] });
        await Task.Delay(1100);
        await h.Collector.TickAsync(None);
        await Task.Delay(1000);
        await h.Collector.TickAsync(None);

        var history = await CollectorLocalTests.CallAsync(h.Client, "metrics_history", new() { ["target"] = "local", ["metrics"] = "cpu,memory", ["since"] = "-5m" });

        ShouldBeFilledFromSar(history.GetProperty("hosts")[0]);

        // A window the collector covers asks no other source.
        var coverage = history.GetProperty("hosts")[0].GetProperty("coverage");
        var covered = await CollectorLocalTests.CallAsync(h.Client, "metrics_history", new()
        {
            ["target"] = "local",
            ["metrics"] = "memory",
            ["since"] = coverage.GetProperty("first_sample").GetString(),
            ["until"] = coverage.GetProperty("last_sample").GetString(),
        });
        var host = covered.GetProperty("hosts")[0];
        host.GetProperty("source").GetString().ShouldBe("bastion-collector");
        host.GetProperty("sources").EnumerateArray().Select(s => s.GetProperty("source").GetString()).ShouldBe(["bastion-collector"]);
    }

    [Fact]
    public async Task MetricsHistory_SaysWhySysstatGaveNothing_WhenTheHostKeepsNoDataFiles()
    {
        var empty = Directory.CreateTempSubdirectory("bastion-nosar-").FullName;
        try
        {
            await using var h = await HistoryHarness.StartAsync(history: new HistoryOptions { Interval = TimeSpan.FromSeconds(1), SysstatDirectories = [empty] });

            var history = await CollectorLocalTests.CallAsync(h.Client, "metrics_history", new() { ["target"] = "local", ["since"] = "-1h" });

            var host = history.GetProperty("hosts")[0];
            host.GetProperty("series").GetArrayLength().ShouldBe(0);
            var sysstat = host.GetProperty("sources").EnumerateArray().Single(s => s.GetProperty("source").GetString() == "sysstat");
            sysstat.GetProperty("note").GetString()!.ShouldContain("keeps no data files for this window");
        }
        finally
        {
            Directory.Delete(empty, recursive: true);
        }
    }

    [Fact]
    public async Task MetricsHistory_AsksNoOtherSource_ForWhileTheCollectorFoundTheHostUnreachable()
    {
        var empty = Directory.CreateTempSubdirectory("bastion-nosar-").FullName;
        try
        {
            var down = Host.Ssh("down", "127.0.0.1", port: 1, user: "nobody");
            await using var h = await HistoryHarness.StartAsync([down], new HistoryOptions { Interval = TimeSpan.FromSeconds(1), SysstatDirectories = [empty] });
            await h.Store.SetSampleIntervalAsync(TimeSpan.FromSeconds(1), None);
            var first = DateTimeOffset.UtcNow.AddSeconds(-30);
            IReadOnlyList<HostTick> ticks = [.. Enumerable.Range(0, 20).Select(i => new HostTick("down", first.AddSeconds(i), TickStatus.Unreachable, "Connection refused", [], [], []))];
            await h.Store.WriteAsync(ticks, None);

            var history = await CollectorLocalTests.CallAsync(h.Client, "metrics_history", new()
            {
                ["target"] = "down",
                ["since"] = first.ToString("O"),
                ["until"] = first.AddSeconds(19).ToString("O"),
            });

            var host = history.GetProperty("hosts")[0];
            host.GetProperty("sources").EnumerateArray().Select(s => s.GetProperty("source").GetString()).ShouldBe(["bastion-collector"]);
            host.GetProperty("coverage").GetProperty("unreachable").GetArrayLength().ShouldBe(1);
        }
        finally
        {
            Directory.Delete(empty, recursive: true);
        }
    }
}
