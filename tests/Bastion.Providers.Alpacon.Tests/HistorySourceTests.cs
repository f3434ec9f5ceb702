using Bastion.Store.Sqlite;

namespace Bastion.Providers.Alpacon.Tests;

/// <summary>metrics_history and metrics_top over Alpacon servers answer from Alpacon's own metrics (the fake workspace).</summary>
public class HistorySourceTests
{
    [Fact]
    public async Task MetricsHistory_ReadsAlpaconServers_FromAlpaconMetrics()
    {
        await using var h = await AlpaconHarness.StartAsync(more: s => s.AddSqliteHistory());

        var history = await h.CallAsync("metrics_history", new() { ["target"] = "@alpacon", ["metrics"] = "cpu,memory,disk,network,load", ["since"] = "-2h" });

        var hosts = history.GetProperty("hosts").EnumerateArray().ToList();
        hosts.Select(x => x.GetProperty("host").GetString()).ShouldBe(["db-01", "web-01"], ignoreOrder: true);
        foreach (var host in hosts)
        {
            host.GetProperty("source").GetString().ShouldBe("alpacon");
            var series = host.GetProperty("series").EnumerateArray().ToList();
            series.ShouldAllBe(s => s.GetProperty("source").GetString() == "alpacon");
            var names = series.Select(s => s.GetProperty("metric").GetString() + "[" + s.GetProperty("instance").GetString() + "]").ToList();
            names.ShouldContain("cpu.busy_percent[]");
            names.ShouldContain("memory.used_percent[]");
            names.ShouldContain("disk.used_percent[/]");
            names.ShouldContain("disk.used_percent[/data]");
            names.ShouldContain("disk.used_percent[*]");
            names.ShouldContain("network.rx_bytes_per_second[eth0]");
            names.ShouldNotContain(n => n!.StartsWith("load.", StringComparison.Ordinal), "Alpacon keeps no load history");

            // The fake records a point every 5 minutes: about 24 over two hours, each within 0-100 %.
            var cpu = series.Single(s => s.GetProperty("metric").GetString() == "cpu.busy_percent");
            cpu.GetProperty("points").GetArrayLength().ShouldBeInRange(23, 25);
            cpu.GetProperty("summary").GetProperty("max").GetDouble().ShouldBeInRange(0, 100);

            var sources = host.GetProperty("sources").EnumerateArray().ToList();
            sources.Select(s => s.GetProperty("source").GetString()).ShouldBe(["bastion-collector", "alpacon"]);
            sources[0].GetProperty("series").GetInt32().ShouldBe(0);
            sources[1].GetProperty("covered").GetArrayLength().ShouldBe(1);
        }
    }

    [Fact]
    public async Task MetricsTop_RanksAlpaconServers_FromAlpaconMetrics()
    {
        await using var h = await AlpaconHarness.StartAsync(more: s => s.AddSqliteHistory());

        var top = await h.CallAsync("metrics_top", new() { ["metric"] = "memory", ["target"] = "@alpacon", ["window"] = "1h", ["aggregate"] = "max" });

        top.GetProperty("ranked").GetInt32().ShouldBe(2);
        var entries = top.GetProperty("hosts").EnumerateArray().ToList();
        entries.ShouldAllBe(e => e.GetProperty("source").GetString() == "alpacon");
        entries[0].GetProperty("value").GetDouble().ShouldBeGreaterThanOrEqualTo(entries[1].GetProperty("value").GetDouble());
        entries[0].GetProperty("samples").GetInt32().ShouldBeInRange(11, 13);
    }
}
