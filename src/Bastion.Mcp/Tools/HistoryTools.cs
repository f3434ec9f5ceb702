using System.ComponentModel;
using System.ComponentModel.DataAnnotations;
using System.Text.Json;
using Bastion.Core.FanOut;
using Bastion.Core.History;
using Bastion.Core.Policy;
using Bastion.Mcp.Catalog;
using Bastion.Mcp.History;
using ModelContextProtocol.Protocol;
using ModelContextProtocol.Server;

namespace Bastion.Mcp.Tools;

/// <summary>Host history (Bastion's collector, sysstat, the platforms' own histories): series over time and rankings of hosts.</summary>
[McpServerToolType]
[Toolset("history", Scopes.MetricsRead)]
public sealed class HistoryTools(HistoryReader reader)
{
    [McpServerTool(Name = "metrics_history", Title = "Host metrics over time", ReadOnly = true, Destructive = false, Idempotent = true, OpenWorld = false, UseStructuredContent = true, OutputSchemaType = typeof(HistoryAnswer))]
    [Description("Metrics of hosts over a past window: per host each series (at most ~120 points) with source, min/avg/max/p95/last, trend per hour and coverage gaps. From Bastion's collector, else sysstat (sar) or the platform's history (Alpacon, Cloudways, CloudStack). Use for 'what happened, since when'; metric processes shows what used CPU. chart=true adds a PNG chart.")]
    public async Task<CallToolResult> HistoryAsync(
        [Description(ToolText.Target)][StringLength(1000)] string target = "local",
        [Description("Comma-separated families: cpu, load, memory, swap, disk, disk_io, network, processes.")][StringLength(200)] string metrics = "cpu,load,memory",
        [Description("Window start: -30m, -24h, -7d or ISO 8601.")][StringLength(64)] string since = "-1h",
        [Description("Window end: now, relative, or ISO 8601.")][StringLength(64)] string until = "now",
        [Description("Point width: auto (at most ~120 points), or e.g. 60s, 5m.")][StringLength(16)] string step = "auto",
        [Description("Also return a PNG chart of the first series (up to 8 hosts).")] bool chart = false,
        CallTargets? call = null,
        CancellationToken cancellationToken = default)
    {
        var answer = await reader.HistoryAsync(target, [metrics], since, until, step, call, cancellationToken);
        var structured = JsonSerializer.SerializeToElement(answer, BastionJson.Info<HistoryAnswer>());
        List<ContentBlock> content = [new TextContentBlock { Text = structured.GetRawText() }];
        if (chart && HistoryChart.Draw(answer) is { } png)
        {
            content.Add(ImageContentBlock.FromBytes(png, "image/png"));
        }

        return new CallToolResult { StructuredContent = structured, Content = content };
    }

    [McpServerTool(Name = "metrics_top", Title = "Rank hosts by a metric", ReadOnly = true, Destructive = false, Idempotent = true, OpenWorld = false, UseStructuredContent = true)]
    [Description("Rank a target's hosts by one figure over a past window: top N with value, trend per hour, last sample, source. E.g. busiest servers in the last hour, disks filling.")]
    public Task<TopAnswer> TopAsync(
        [Description("cpu (busy %), memory (used %), load (1-min load per CPU), disk (fullest file system %), disk_io (busiest device util %), network_rx, network_tx (bytes/s).")][StringLength(32)] string metric = "cpu",
        [Description(ToolText.Target)][StringLength(1000)] string target = "all",
        [Description("Window length ending at until: e.g. 15m, 1h, 24h.")][StringLength(16)] string window = "1h",
        [Description("How each host's samples combine: avg, max, p95, last.")][StringLength(8)] string aggregate = "avg",
        [Description("Window end: now, relative, or ISO 8601.")][StringLength(64)] string until = "now",
        [Description("Hosts returned.")][Range(1, 100)] int limit = 5,
        CallTargets? call = null,
        CancellationToken cancellationToken = default) =>
        reader.TopAsync(target, metric, aggregate, window, until, limit, call, cancellationToken);
}
