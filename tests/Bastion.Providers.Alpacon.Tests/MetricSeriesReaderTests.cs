using Bastion.Core.Inventory;
using Bastion.Providers.Alpacon.Hosts;
using Bastion.Providers.Alpacon.Metrics;
using Microsoft.Extensions.DependencyInjection;

namespace Bastion.Providers.Alpacon.Tests;

/// <summary>The metric-history service on its own, against the fake Alpacon over HTTP: no MCP call, no pipeline.</summary>
public sealed class MetricSeriesReaderTests : IAsyncLifetime
{
    private AlpaconHarness _harness = null!;

    public async Task InitializeAsync()
    {
        _harness = await AlpaconHarness.StartAsync();
        await _harness.Services.GetRequiredService<MergedInventory>().RefreshAsync(CancellationToken.None);
    }

    public async Task DisposeAsync() => await _harness.DisposeAsync();

    private AlpaconMetricSeriesReader Reader => _harness.Services.GetRequiredService<AlpaconMetricSeriesReader>();

    private AlpaconTarget Web01 => _harness.Services.GetRequiredService<AlpaconTargets>().Resolve("web-01");

    [Fact]
    public async Task Cpu_KeepsTheNewestRows_AndSummarisesEveryPoint()
    {
        var series = await Reader.ReadAsync(Web01, AlpaconMetric.Cpu, DateTimeOffset.UtcNow.AddHours(-2), null, null, null, null, limit: 5, CancellationToken.None);

        series.Source.ShouldBe("/api/metrics/realtime/cpu/");
        series.Points.ShouldBe(25);
        series.Rows.Count.ShouldBe(5);
        var usage = series.Statistics.Single(f => f.Field == "usage");
        usage.Points.ShouldBe(25);
        usage.Min.ShouldBeLessThanOrEqualTo(usage.Avg);
        usage.Max.ShouldBeGreaterThanOrEqualTo(usage.Avg);
        series.Notes.ShouldContain(n => n.Contains("newest 5 of 25", StringComparison.Ordinal));
    }

    [Fact]
    public async Task DiskUsage_TakesTheFirstDevice_WhenNoneIsGiven()
    {
        var series = await Reader.ReadAsync(Web01, AlpaconMetric.DiskUsage, DateTimeOffset.UtcNow.AddHours(-2), null, null, null, null, limit: 100, CancellationToken.None);

        series.Subject.ShouldBe("/dev/sda1");
        series.Notes[0].ShouldContain("first device");
    }
}
