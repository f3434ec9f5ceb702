using System.Buffers.Binary;
using Bastion.Core.Inventory;
using Bastion.Mcp.History;
using ModelContextProtocol.Protocol;

namespace Bastion.Store.Sqlite.Tests;

public class HistoryChartTests
{
    private static readonly CancellationToken None = CancellationToken.None;

    private static readonly byte[] PngSignature = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A];

    [Fact]
    public async Task MetricsHistory_AddsAPngChart_WhenChartIsTrue()
    {
        var hosts = new[] { "web-01", "web-02" }.Select(n => Host.Ssh(n, "127.0.0.1") with { Groups = ["web"] }).ToList();
        await using var h = await HistoryHarness.StartAsync(hosts);
        var now = DateTimeOffset.UtcNow;
        for (var i = 10; i > 0; i--)
        {
            var at = now.AddMinutes(-i);
            await h.Store.WriteAsync([StoreFixture.Tick("web-01", at, 10 + i), StoreFixture.Tick("web-02", at, 80 - i)], None);
        }

        var args = new Dictionary<string, object?> { ["target"] = "@web", ["metrics"] = "cpu", ["since"] = "-30m" };
        var plain = await h.Client.CallToolAsync("metrics_history", args, cancellationToken: None);
        plain.IsError.ShouldNotBe(true);
        plain.Content.OfType<ImageContentBlock>().ShouldBeEmpty();

        args["chart"] = true;
        var charted = await h.Client.CallToolAsync("metrics_history", args, cancellationToken: None);
        charted.IsError.ShouldNotBe(true, string.Join("\n", charted.Content.OfType<TextContentBlock>().Select(t => t.Text)));
        charted.StructuredContent!.Value.GetProperty("hosts").GetArrayLength().ShouldBe(2);
        var image = charted.Content.OfType<ImageContentBlock>().ShouldHaveSingleItem();
        image.MimeType.ShouldBe("image/png");
        var png = Convert.FromBase64String(System.Text.Encoding.ASCII.GetString(image.Data.Span));
        png.AsSpan(0, 8).ToArray().ShouldBe(PngSignature);
        System.Text.Encoding.ASCII.GetString(png, 12, 4).ShouldBe("IHDR");
        var width = BinaryPrimitives.ReadInt32BigEndian(png.AsSpan(16, 4));
        var height = BinaryPrimitives.ReadInt32BigEndian(png.AsSpan(20, 4));
        width.ShouldBeInRange(200, 1200);
        height.ShouldBeInRange(100, 600);
        png.Length.ShouldBeGreaterThan(2000, "a chart with axes, two lines and a legend is more than a blank image");
    }

    [Fact]
    public void Draw_ReturnsNull_WhenNoSeriesHasPoints()
    {
        var answer = new Core.History.HistoryAnswer(DateTimeOffset.UtcNow.AddHours(-1), DateTimeOffset.UtcNow, 60, null, [], []);
        HistoryChart.Draw(answer).ShouldBeNull();
    }

    [Theory]
    [InlineData("cpu.busy_percent", "%")]
    [InlineData("network.rx_bytes_per_second", "bytes/s")]
    [InlineData("disk_io.reads_per_second", "per second")]
    [InlineData("memory.used_bytes", "bytes")]
    [InlineData("load.load1", "load average")]
    public void Unit_ReadsTheSuffixOfTheSeriesName(string metric, string unit) => HistoryChart.Unit(metric).ShouldBe(unit);
}
