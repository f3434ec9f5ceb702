using System.Text.Json;
using Bastion.Core.Policy;
using Bastion.Fakes.CloudStack;
using Bastion.Store.Sqlite;

namespace Bastion.Providers.CloudStack.Tests;

/// <summary>metrics_history and metrics_top over CloudStack VMs answer from listVirtualMachinesUsageHistory (the fake).</summary>
public sealed class HistorySourceTests : IAsyncLifetime
{
    private CloudStackFake _fake = null!;

    public async Task InitializeAsync() => _fake = await CloudStackFake.StartAsync();

    public async Task DisposeAsync() => await _fake.DisposeAsync();

    private static JsonElement Structured(ModelContextProtocol.Protocol.CallToolResult result)
    {
        result.IsError.ShouldNotBe(true, McpHarness.Text(result));
        return result.StructuredContent!.Value;
    }

    [Fact]
    public async Task MetricsHistory_ReadsCloudStackVms_FromTheirUsageHistory()
    {
        await using var bastion = await McpHarness.StartAsync(_fake, Mode.ReadOnly, more: s => s.AddSqliteHistory());

        var history = Structured(await bastion.CallAsync("metrics_history", new() { ["target"] = "web-01", ["metrics"] = "cpu,memory,network", ["since"] = "-1h" }));

        var host = history.GetProperty("hosts").EnumerateArray().ShouldHaveSingleItem();
        host.GetProperty("source").GetString().ShouldBe("cloudstack");
        var series = host.GetProperty("series").EnumerateArray().ToDictionary(s => s.GetProperty("metric").GetString()!);
        series.Values.ShouldAllBe(s => s.GetProperty("source").GetString() == "cloudstack");
        series.Keys.ShouldNotContain("network.rx_bytes_per_second", "CloudStack's network figures are per-cycle amounts, not rates");

        // A stat every 5 minutes over the hour; cpuused "1N.00%", and a quarter of the memory free.
        series["cpu.busy_percent"].GetProperty("points").GetArrayLength().ShouldBeInRange(11, 13);
        series["cpu.busy_percent"].GetProperty("summary").GetProperty("max").GetDouble().ShouldBeInRange(10, 12.5);
        series["memory.used_percent"].GetProperty("summary").GetProperty("avg").GetDouble().ShouldBe(75);
        _fake.Requests.ShouldContain(r => r.Command == "listVirtualMachinesUsageHistory");
    }

    [Fact]
    public async Task MetricsTop_RanksCloudStackVms_ByTheirCpuHistory()
    {
        await using var bastion = await McpHarness.StartAsync(_fake, Mode.ReadOnly, more: s => s.AddSqliteHistory());

        var top = Structured(await bastion.CallAsync("metrics_top", new() { ["metric"] = "cpu", ["target"] = "backend=cloudstack", ["window"] = "1h", ["limit"] = 10 }));

        top.GetProperty("ranked").GetInt32().ShouldBe(6);
        var entries = top.GetProperty("hosts").EnumerateArray().ToList();
        entries.ShouldAllBe(e => e.GetProperty("source").GetString() == "cloudstack");
        entries.Select(e => e.GetProperty("value").GetDouble()).ShouldBeInOrder(SortDirection.Descending);
        entries[0].GetProperty("value").GetDouble().ShouldBeGreaterThan(entries[^1].GetProperty("value").GetDouble() + 40, "the fake's VMs are 10 % apart");
    }

    [Fact]
    public async Task MetricsHistory_OnACloudWithoutUsageHistory_AsksListVirtualMachinesMetrics_AndDoesNotFail()
    {
        await using var old = await CloudStackFake.StartAsync(new CloudStackFakeOptions { UsageHistory = false });
        await using var bastion = await McpHarness.StartAsync(old, Mode.ReadOnly, more: s => s.AddSqliteHistory());

        var history = Structured(await bastion.CallAsync("metrics_history", new() { ["target"] = "web-02", ["metrics"] = "cpu,memory", ["since"] = "-15m" }));

        history.GetProperty("hosts").EnumerateArray().ShouldHaveSingleItem();
        old.Count("listVirtualMachinesUsageHistory").ShouldBe(1);
        old.Count("listVirtualMachinesMetrics").ShouldBe(1, "the 432 of a cloud before 4.17 falls back to the latest metrics");
    }
}
