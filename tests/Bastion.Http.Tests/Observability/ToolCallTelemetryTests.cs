using System.Collections.Concurrent;
using System.Diagnostics;
using Bastion.Core;
using Bastion.Core.FanOut;
using Bastion.Core.Telemetry;
using Bastion.Http.Observability;
using Microsoft.Extensions.DependencyInjection;

namespace Bastion.Http.Tests.Observability;

/// <summary>Bastion's own instruments, fed by real calls through the MCP pipeline and the fan-out runner.</summary>
[Collection(GlobalTelemetryCollection.Name)]
public sealed class ToolCallTelemetryTests
{
    [Fact]
    public async Task ToolCalls_AreCountedByToolAndOutcome_WithTheirDuration_RefusalsIncluded()
    {
        using var exporter = new PrometheusExporter();
        await using var bastion = await InProcessBastion.StartAsync();
        var before = exporter.Render();

        (await bastion.Client.CallToolAsync("hosts_list")).IsError.ShouldNotBe(true);
        (await bastion.Client.CallToolAsync("processes_list", new Dictionary<string, object?> { ["limit"] = -1 })).IsError.ShouldBe(true);
        (await bastion.Client.CallToolAsync("commands_run", new Dictionary<string, object?> { ["command"] = "uptime", ["dry_run"] = true })).IsError.ShouldBe(true);
        var after = exporter.Render();

        double Delta(string series) => Exposition.Value(after, series) - Exposition.Value(before, series);
        Delta("bastion_tool_calls_total{outcome=\"ok\",tool=\"hosts_list\"}").ShouldBe(1);
        Delta("bastion_tool_calls_total{outcome=\"refused\",tool=\"processes_list\"}").ShouldBe(1);
        Delta("bastion_tool_calls_total{outcome=\"dry_run\",tool=\"commands_run\"}").ShouldBe(1);
        Delta("bastion_tool_duration_seconds_count{tool=\"hosts_list\"}").ShouldBe(1);
        Delta("bastion_tool_duration_seconds_bucket{tool=\"hosts_list\",le=\"+Inf\"}").ShouldBe(1);
        Delta("bastion_tool_duration_seconds_count{tool=\"processes_list\"}").ShouldBe(1);
        Delta("bastion_tool_duration_seconds_sum{tool=\"hosts_list\"}").ShouldBeGreaterThan(0);
        after.ShouldContain("# TYPE bastion_tool_calls_total counter\n");
        after.ShouldContain("# TYPE bastion_tool_duration_seconds histogram\n");
        after.ShouldContain("# TYPE bastion_http_sessions_active gauge\n");
        after.ShouldNotContain("tenant");
    }

    [Fact]
    public async Task FanOut_CountsOneResultPerHost_ByStatus()
    {
        using var exporter = new PrometheusExporter();
        await using var bastion = await InProcessBastion.StartAsync();
        var fanOut = bastion.Services.GetRequiredService<FanOutRunner>();
        var before = exporter.Render();

        await fanOut.RunAsync("local", (_, _) => Task.FromResult("fine"), null, CancellationToken.None);
        await fanOut.RunAsync("local", (_, _) => Task.FromException<string>(new BastionException("no /proc here")), null, CancellationToken.None);
        var after = exporter.Render();

        Exposition.Value(after, "bastion_fanout_host_results_total{status=\"ok\"}").ShouldBe(Exposition.Value(before, "bastion_fanout_host_results_total{status=\"ok\"}") + 1);
        Exposition.Value(after, "bastion_fanout_host_results_total{status=\"failed\"}").ShouldBe(Exposition.Value(before, "bastion_fanout_host_results_total{status=\"failed\"}") + 1);
    }

    [Fact]
    public async Task ToolCall_HasASpan_WithToolOutcomeAndTargetCount()
    {
        var spans = new ConcurrentQueue<Activity>();
        using var listener = new ActivityListener
        {
            ShouldListenTo = source => source.Name == BastionTelemetry.Name,
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = spans.Enqueue,
        };
        ActivitySource.AddActivityListener(listener);
        await using var bastion = await InProcessBastion.StartAsync();

        await bastion.Client.CallToolAsync("hosts_describe", new Dictionary<string, object?> { ["target"] = "local" });
        await bastion.Client.CallToolAsync("hosts_describe", new Dictionary<string, object?> { ["target"] = "web-01" });

        var (ok, refused) = (spans.ToArray()[0], spans.ToArray()[1]);
        ok.DisplayName.ShouldBe("tool hosts_describe");
        ok.GetTagItem("mcp.tool.name").ShouldBe("hosts_describe");
        ok.GetTagItem("bastion.outcome").ShouldBe("ok");
        ok.GetTagItem("bastion.targets").ShouldBe(1);
        ok.Status.ShouldBe(ActivityStatusCode.Unset);
        refused.GetTagItem("bastion.outcome").ShouldBe("refused");
        refused.GetTagItem("bastion.targets").ShouldBe(0);
        spans.Count.ShouldBe(2);
    }
}
