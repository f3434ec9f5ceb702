using System.Diagnostics.Metrics;
using System.Text;
using Bastion.Http.Observability;

namespace Bastion.Http.Tests.Observability;

/// <summary>The exposition format, on private meters so that nothing else in the process records into them.</summary>
public sealed class PrometheusExporterTests : IDisposable
{
    private readonly Meter _meter = new($"Bastion.Tests.{Guid.NewGuid():N}");

    public void Dispose() => _meter.Dispose();

    private PrometheusExporter Exporter() => new(_meter.Name);

    [Fact]
    public void Counter_IsWrittenWithTotalSuffix_HelpTypeAndLabelsSortedByName()
    {
        var calls = _meter.CreateCounter<long>("test.tool.calls", "{call}", "Tool calls by tool and outcome.");
        using var exporter = Exporter();
        calls.Add(1, new("tool", "hosts_list"), new("outcome", "ok"));
        calls.Add(2, new("tool", "hosts_list"), new("outcome", "ok"));
        calls.Add(1, new("outcome", "refused"), new("tool", "commands_run"));

        Exposition.Lines(exporter.Render()).ShouldBe(
        [
            "# HELP test_tool_calls_total Tool calls by tool and outcome.",
            "# TYPE test_tool_calls_total counter",
            "test_tool_calls_total{outcome=\"ok\",tool=\"hosts_list\"} 3",
            "test_tool_calls_total{outcome=\"refused\",tool=\"commands_run\"} 1",
        ]);
    }

    [Fact]
    public void Histogram_HasCumulativeBucketsInSeconds_ThenSumAndCount()
    {
        var duration = _meter.CreateHistogram<double>("test.tool.duration", "s", "Time per call.");
        using var exporter = Exporter();
        foreach (var seconds in new[] { 0.003, 0.05, 0.2, 100 })
        {
            duration.Record(seconds, new KeyValuePair<string, object?>("tool", "x"));
        }

        var text = exporter.Render();
        Exposition.Lines(text).Take(2).ShouldBe(["# HELP test_tool_duration_seconds Time per call.", "# TYPE test_tool_duration_seconds histogram"]);
        var buckets = Exposition.Lines(text).Where(l => l.StartsWith("test_tool_duration_seconds_bucket", StringComparison.Ordinal)).ToList();
        buckets.ShouldBe(
        [
            "test_tool_duration_seconds_bucket{tool=\"x\",le=\"0.001\"} 0",
            "test_tool_duration_seconds_bucket{tool=\"x\",le=\"0.0025\"} 0",
            "test_tool_duration_seconds_bucket{tool=\"x\",le=\"0.005\"} 1",
            "test_tool_duration_seconds_bucket{tool=\"x\",le=\"0.01\"} 1",
            "test_tool_duration_seconds_bucket{tool=\"x\",le=\"0.025\"} 1",
            "test_tool_duration_seconds_bucket{tool=\"x\",le=\"0.05\"} 2", // a bucket's bound is inclusive
            "test_tool_duration_seconds_bucket{tool=\"x\",le=\"0.1\"} 2",
            "test_tool_duration_seconds_bucket{tool=\"x\",le=\"0.25\"} 3",
            "test_tool_duration_seconds_bucket{tool=\"x\",le=\"0.5\"} 3",
            "test_tool_duration_seconds_bucket{tool=\"x\",le=\"1\"} 3",
            "test_tool_duration_seconds_bucket{tool=\"x\",le=\"2.5\"} 3",
            "test_tool_duration_seconds_bucket{tool=\"x\",le=\"5\"} 3",
            "test_tool_duration_seconds_bucket{tool=\"x\",le=\"10\"} 3",
            "test_tool_duration_seconds_bucket{tool=\"x\",le=\"30\"} 3",
            "test_tool_duration_seconds_bucket{tool=\"x\",le=\"60\"} 3",
            "test_tool_duration_seconds_bucket{tool=\"x\",le=\"+Inf\"} 4",
        ]);
        Exposition.Value(text, "test_tool_duration_seconds_sum{tool=\"x\"}").ShouldBe(100.253, 1e-9);
        Exposition.Value(text, "test_tool_duration_seconds_count{tool=\"x\"}").ShouldBe(4);
    }

    [Fact]
    public void Histogram_UsesTheInstrumentsAdvisedBuckets_AndWorksWithoutTags()
    {
        var size = _meter.CreateHistogram<long>("test.body.size", "By", "Body sizes.", advice: new InstrumentAdvice<long> { HistogramBucketBoundaries = [100, 1000] });
        using var exporter = Exporter();
        size.Record(50);
        size.Record(5000);

        Exposition.Lines(exporter.Render()).Skip(2).ShouldBe(
        [
            "test_body_size_bytes_bucket{le=\"100\"} 1",
            "test_body_size_bytes_bucket{le=\"1000\"} 1",
            "test_body_size_bytes_bucket{le=\"+Inf\"} 2",
            "test_body_size_bytes_sum 5050",
            "test_body_size_bytes_count 2",
        ]);
    }

    [Fact]
    public void LabelValuesAndHelp_AreEscaped_AndTagKeysBecomeLabelNames()
    {
        var counter = _meter.CreateCounter<int>("test.escapes", null, "Help with a \\ and a\nnew line.");
        using var exporter = Exporter();
        counter.Add(1, new KeyValuePair<string, object?>("http.route", "a\\b\"c\nd"), new KeyValuePair<string, object?>("status", 404));

        Exposition.Lines(exporter.Render()).ShouldBe(
        [
            "# HELP test_escapes_total Help with a \\\\ and a\\nnew line.",
            "# TYPE test_escapes_total counter",
            "test_escapes_total{http_route=\"a\\\\b\\\"c\\nd\",status=\"404\"} 1",
        ]);
    }

    [Fact]
    public void UpDownCounter_IsAGauge_ThatReadsZeroBeforeItsFirstMeasurement()
    {
        var sessions = _meter.CreateUpDownCounter<long>("test.sessions.active", "{session}", "Open sessions.");
        using var exporter = Exporter();
        exporter.Render().ShouldContain("# TYPE test_sessions_active gauge\ntest_sessions_active 0\n");

        sessions.Add(1);
        sessions.Add(1);
        sessions.Add(-1);
        Exposition.Value(exporter.Render(), "test_sessions_active").ShouldBe(1);
    }

    [Fact]
    public void ObservableInstruments_AreReadAtRender()
    {
        var level = 3;
        _meter.CreateObservableGauge("test.queue.depth", () => level, "{item}", "Items waiting.");
        _meter.CreateObservableCounter("test.bytes.sent", () => 10L * level, "By", "Bytes sent so far.");
        using var exporter = Exporter();

        var text = exporter.Render();
        text.ShouldContain("# TYPE test_queue_depth gauge\ntest_queue_depth 3\n");
        text.ShouldContain("# TYPE test_bytes_sent_bytes_total counter\ntest_bytes_sent_bytes_total 30\n");
        level = 5;
        Exposition.Value(exporter.Render(), "test_queue_depth").ShouldBe(5);
    }

    [Fact]
    public void Exporter_SeesInstrumentsCreatedBeforeIt_ButOnlyMeasurementsAfter_AndStopsWhenDisposed()
    {
        var early = _meter.CreateCounter<long>("test.early");
        early.Add(5);
        var exporter = Exporter();
        early.Add(1);
        var late = _meter.CreateCounter<long>("test.late");
        late.Add(2);
        Exposition.Value(exporter.Render(), "test_early_total").ShouldBe(1);
        Exposition.Value(exporter.Render(), "test_late_total").ShouldBe(2);

        exporter.Dispose();
        early.Add(100);
        Exposition.Value(exporter.Render(), "test_early_total").ShouldBe(1);
    }

    [Fact]
    public void Exporter_ListensToItsOwnMeterOnly()
    {
        using var other = new Meter($"Bastion.Tests.Other.{Guid.NewGuid():N}");
        other.CreateCounter<long>("test.elsewhere").Add(1);
        _meter.CreateCounter<long>("test.here").Add(1);
        using var exporter = Exporter();

        exporter.Render().ShouldNotContain("elsewhere");
        exporter.Render().ShouldContain("test_here_total");
    }

    [Fact]
    public async Task Measurements_FromManyThreads_AreAllCounted()
    {
        var counter = _meter.CreateCounter<long>("test.parallel");
        var histogram = _meter.CreateHistogram<double>("test.parallel.duration", "s");
        using var exporter = Exporter();
        var render = Task.Run(() =>
        {
            for (var i = 0; i < 50; i++)
            {
                exporter.Render(); // rendering while others record must neither fail nor lose measurements
            }
        });

        Parallel.For(0, 20_000, i =>
        {
            counter.Add(1, new KeyValuePair<string, object?>("shard", i % 4));
            histogram.Record(0.01);
        });
        await render;

        var text = exporter.Render();
        Enumerable.Range(0, 4).Sum(s => Exposition.Value(text, $"test_parallel_total{{shard=\"{s}\"}}")).ShouldBe(20_000);
        Exposition.Value(text, "test_parallel_duration_seconds_count").ShouldBe(20_000);
        Exposition.Value(text, "test_parallel_duration_seconds_bucket{le=\"0.01\"}").ShouldBe(20_000);
        Exposition.Value(text, "test_parallel_duration_seconds_sum").ShouldBe(200, 1e-6);
    }

    [Fact]
    public async Task WriteAsync_WritesTheRenderedTextAsUtf8()
    {
        var counter = _meter.CreateCounter<long>("test.utf8", null, "Grüße.");
        using var exporter = Exporter();
        counter.Add(1, new KeyValuePair<string, object?>("host", "café"));
        using var stream = new MemoryStream();

        await exporter.WriteAsync(stream, CancellationToken.None);

        var text = Encoding.UTF8.GetString(stream.ToArray());
        text.ShouldBe(exporter.Render());
        text.ShouldContain("# HELP test_utf8_total Grüße.\n");
        Exposition.Value(text, "test_utf8_total{host=\"café\"}").ShouldBe(1);
    }
}
