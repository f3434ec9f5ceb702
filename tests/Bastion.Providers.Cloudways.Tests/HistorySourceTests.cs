using System.Text.Json;
using Bastion.Store.Sqlite;
using ModelContextProtocol.Protocol;

namespace Bastion.Providers.Cloudways.Tests;

/// <summary>metrics_history and metrics_top over Cloudways servers answer from Cloudways' monitoring graphs (the fake).</summary>
public sealed class HistorySourceTests
{
    private static async Task<JsonElement> CallAsync(Harness h, string tool, Dictionary<string, object?> args)
    {
        var result = await h.Client.CallToolAsync(tool, args);
        result.IsError.ShouldNotBe(true, string.Join("\n", result.Content.OfType<TextContentBlock>().Select(t => t.Text)));
        return result.StructuredContent!.Value;
    }

    [Fact]
    public async Task MetricsHistory_ReadsCloudwaysServers_FromTheIdleCpuGraph()
    {
        await using var h = await Harness.StartAsync(session: true, more: s => s.AddSqliteHistory());

        var history = await CallAsync(h, "metrics_history", new() { ["target"] = "backend=cloudways", ["metrics"] = "cpu,memory", ["since"] = "-50m" });

        var hosts = history.GetProperty("hosts").EnumerateArray().ToList();
        hosts.Select(x => x.GetProperty("host").GetString()).ShouldBe(["prod-do", "staging-vultr"]);
        var prod = hosts[0];
        prod.GetProperty("source").GetString().ShouldBe("cloudways");
        var busy = prod.GetProperty("series").EnumerateArray().Single(s => s.GetProperty("metric").GetString() == "cpu.busy_percent");
        busy.GetProperty("source").GetString().ShouldBe("cloudways");

        // The fake's '1 Hour' graph (the shortest period reaching 50 minutes back): idle 90, 89, 88, 87, 86 every 12 minutes
        // ending 12 minutes ago; the first lies before the window.
        busy.GetProperty("points").EnumerateArray().Select(p => p[1].GetDouble()).ShouldBe([11, 12, 13, 14]);
        prod.GetProperty("series").EnumerateArray().ShouldNotContain(s => s.GetProperty("metric").GetString()!.StartsWith("memory.", StringComparison.Ordinal));
    }

    [Fact]
    public async Task MetricsTop_RanksCloudwaysServers_ByBusyCpu()
    {
        await using var h = await Harness.StartAsync(session: true, more: s => s.AddSqliteHistory());

        var top = await CallAsync(h, "metrics_top", new() { ["metric"] = "cpu", ["target"] = "backend=cloudways", ["window"] = "6h", ["aggregate"] = "avg" });

        top.GetProperty("ranked").GetInt32().ShouldBe(2);
        // '12 Hours' is the shortest period reaching 6 hours back: its points every 2.4 h put busy 13 and 14 in the window.
        foreach (var entry in top.GetProperty("hosts").EnumerateArray())
        {
            entry.GetProperty("source").GetString().ShouldBe("cloudways");
            entry.GetProperty("value").GetDouble().ShouldBe(13.5);
            entry.GetProperty("samples").GetInt32().ShouldBe(2);
        }
    }
}
