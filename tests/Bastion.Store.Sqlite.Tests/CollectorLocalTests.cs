using System.Text.Json;
using Bastion.Core;
using Bastion.Core.History;
using Bastion.Core.Inventory;
using ModelContextProtocol.Client;
using ModelContextProtocol.Protocol;

namespace Bastion.Store.Sqlite.Tests;

public class CollectorLocalTests
{
    private static readonly CancellationToken None = CancellationToken.None;

    internal static async Task<JsonElement> CallAsync(McpClient client, string tool, Dictionary<string, object?> args)
    {
        var result = await client.CallToolAsync(tool, args, cancellationToken: None);
        result.IsError.ShouldNotBe(true, string.Join("\n", result.Content.OfType<TextContentBlock>().Select(t => t.Text)));
        var schema = (await client.ListToolsAsync(cancellationToken: None)).Single(t => t.Name == tool).ProtocolTool.OutputSchema!.Value;
        Mcp.Pipeline.JsonSchemaValidator.Validate(result.StructuredContent!.Value, schema).ShouldBeEmpty();
        return result.StructuredContent!.Value;
    }

    internal static async Task<string> CallErrorAsync(McpClient client, string tool, Dictionary<string, object?> args)
    {
        var result = await client.CallToolAsync(tool, args, cancellationToken: None);
        result.IsError.ShouldBe(true);
        return string.Join("\n", result.Content.OfType<TextContentBlock>().Select(t => t.Text));
    }

    [Fact]
    public async Task Collector_RecordsTheLocalHost_WithRatesFromTheSecondTick()
    {
        await using var h = await HistoryHarness.StartAsync();

        var first = (await h.Collector.TickAsync(None)).ShouldHaveSingleItem();
        first.Host.ShouldBe("local");
        first.Status.ShouldBe(TickStatus.Ok, first.Error);
        first.Values.ShouldNotContain(v => v.Metric == "cpu.busy_percent");
        await Task.Delay(1000);
        var second = (await h.Collector.TickAsync(None)).ShouldHaveSingleItem();
        second.Values.ShouldContain(v => v.Metric == "cpu.busy_percent");
        second.Values.ShouldContain(v => v.Metric == "disk.used_percent" && v.Instance == "/");
        second.Values.ShouldContain(v => v.Metric == "network.rx_bytes_per_second" && v.Instance == "lo");
        second.TopByCpu.ShouldNotBeEmpty();

        var history = await CallAsync(h.Client, "metrics_history", new() { ["metrics"] = "cpu,load,memory,disk_io,processes", ["since"] = "-5m" });
        var host = history.GetProperty("hosts")[0];
        host.GetProperty("source").GetString().ShouldBe("bastion-collector");
        host.GetProperty("coverage").GetProperty("ticks").GetInt32().ShouldBe(2);
        var series = host.GetProperty("series").EnumerateArray().ToList();
        var busy = series.Single(s => s.GetProperty("metric").GetString() == "cpu.busy_percent");
        busy.GetProperty("points").GetArrayLength().ShouldBe(1);
        busy.GetProperty("summary").GetProperty("max").GetDouble().ShouldBeInRange(0, 100);
        series.ShouldContain(s => s.GetProperty("metric").GetString() == "memory.used_percent");
        series.ShouldContain(s => s.GetProperty("metric").GetString() == "load.load1");
        host.GetProperty("processes").GetArrayLength().ShouldBe(2);
    }

    [Fact]
    public async Task Collector_RefusesASecondCollector_OnTheSameDataDirectory()
    {
        await using var h = await HistoryHarness.StartAsync();
        using var stop = new CancellationTokenSource();
        var running = h.Collector.RunAsync(stop.Token);
        while (!File.Exists(Path.Combine(h.Paths.DataDirectory, CollectorLock.FileName)) || (await h.Store.InfoAsync(None)).Newest is null)
        {
            running.IsCompleted.ShouldBeFalse();
            await Task.Delay(50);
        }

        var second = new HistoryCollector(h.Services.GetService(typeof(IInventory)) as IInventory ?? throw new InvalidOperationException(),
            (Core.Execution.IRunnerProvider)h.Services.GetService(typeof(Core.Execution.IRunnerProvider))!, h.Store, new HistoryOptions(),
            new Core.FanOut.FanOutOptions(), h.Paths, TimeProvider.System, Microsoft.Extensions.Logging.Abstractions.NullLogger<HistoryCollector>.Instance);
        (await Should.ThrowAsync<BastionException>(() => second.RunAsync(None))).Message.ShouldContain("Another collector already writes the history");

        await stop.CancelAsync();
        await Should.ThrowAsync<OperationCanceledException>(() => running);
        CollectorLock.Acquire(h.Paths).Dispose();
    }

    [Fact]
    public async Task MetricsTop_RanksHostsByTheirRecordedFigure_ThroughTheMcpPipeline()
    {
        var hosts = new[] { "web-01", "web-02", "web-03" }.Select(n => Host.Ssh(n, "127.0.0.1") with { Groups = ["web"] }).ToList();
        await using var h = await HistoryHarness.StartAsync(hosts);
        var now = DateTimeOffset.UtcNow;
        for (var i = 10; i > 0; i--)
        {
            var at = now.AddMinutes(-i);
            await h.Store.WriteAsync([StoreFixture.Tick("web-01", at, 10), StoreFixture.Tick("web-02", at, 80 + i), StoreFixture.Tick("web-03", at, 50, disk: 95)], None);
        }

        var top = await CallAsync(h.Client, "metrics_top", new() { ["metric"] = "cpu", ["target"] = "@web", ["window"] = "30m", ["limit"] = 2 });
        var ranked = top.GetProperty("hosts").EnumerateArray().ToList();
        ranked.Select(r => r.GetProperty("host").GetString()).ShouldBe(["web-02", "web-03"]);
        ranked[0].GetProperty("value").GetDouble().ShouldBe(85.5);
        ranked[0].GetProperty("trend_per_hour").GetDouble().ShouldBeLessThan(0, "web-02 cools down by 1 point a minute");
        top.GetProperty("ranked").GetInt32().ShouldBe(3);

        var disk = await CallAsync(h.Client, "metrics_top", new() { ["metric"] = "disk", ["target"] = "@web", ["aggregate"] = "max" });
        disk.GetProperty("hosts")[0].GetProperty("host").GetString().ShouldBe("web-03");

        var missing = await CallAsync(h.Client, "metrics_top", new() { ["metric"] = "cpu", ["target"] = "@web", ["window"] = "1h", ["until"] = "-2h" });
        missing.GetProperty("hosts").GetArrayLength().ShouldBe(0);
        missing.GetProperty("without_data").GetArrayLength().ShouldBe(3);
    }

    [Fact]
    public async Task MetricsHistory_SaysWhatIsAccepted_OnBadInput()
    {
        await using var h = await HistoryHarness.StartAsync();
        (await CallErrorAsync(h.Client, "metrics_history", new() { ["metrics"] = "cpu,temperature" }))
            .ShouldContain("Accepted: cpu, load, memory, swap, disk, disk_io, network, processes");
        (await CallErrorAsync(h.Client, "metrics_history", new() { ["since"] = "-1h", ["until"] = "-2h" })).ShouldContain("must be before until");
        (await CallErrorAsync(h.Client, "metrics_history", new() { ["since"] = "yesterday" })).ShouldContain("Accepted: 'now'");
        (await CallErrorAsync(h.Client, "metrics_top", new() { ["metric"] = "temperature" })).ShouldContain("Accepted: cpu, memory, load, disk, disk_io, network_rx, network_tx");

        var clamped = await CallAsync(h.Client, "metrics_history", new() { ["step"] = "100ms", ["since"] = "-1m" });
        clamped.GetProperty("step_seconds").GetDouble().ShouldBe(1);
        clamped.GetProperty("notes").EnumerateArray().Select(n => n.GetString()).ShouldContain(n => n!.Contains("clamped"));

        var empty = await CallAsync(h.Client, "metrics_history", new() { ["since"] = "-90d" });
        empty.GetProperty("hosts")[0].GetProperty("coverage").GetProperty("ticks").GetInt32().ShouldBe(0);
        empty.GetProperty("notes").EnumerateArray().Select(n => n.GetString()).ShouldContain(n => n!.Contains("history store is empty"));
    }
}
