using System.ComponentModel;
using System.ComponentModel.DataAnnotations;
using System.Globalization;
using Bastion.Core;
using Bastion.Core.Policy;
using Bastion.Tools;
using Bastion.Providers.Alpacon.Api;
using Bastion.Providers.Alpacon.Hosts;
using ModelContextProtocol.Server;

namespace Bastion.Providers.Alpacon.Metrics;

/// <summary>The metrics Alpacon has recorded (history over a time range), as opposed to metrics_sample's live sample.</summary>
[McpServerToolType]
[Toolset("alpacon", Scopes.PlatformRead)]
internal sealed class AlpaconMetricsTools(AlpaconTargets targets, AlpaconMetricSeriesReader series)
{
    [McpServerTool(Name = "alpacon_metrics_series", Title = "Alpacon metric history", ReadOnly = true, Destructive = false, Idempotent = true, OpenWorld = true, UseStructuredContent = true)]
    [Description("What Alpacon recorded for one server over a range (default 24 h): cpu, memory, disk_usage, disk_io or traffic. Returns min/avg/max/latest per field and the newest points; for the present use metrics_sample.")]
    public Task<MetricSeries> SeriesAsync(
        [Description(AlpaconText.Host)][StringLength(200)] string host,
        [Description("cpu, memory, disk_usage, disk_io or traffic.")] AlpaconMetric metric = AlpaconMetric.Cpu,
        [Description("Range start, ISO-8601; default 24 hours ago.")][StringLength(40)] string? start = null,
        [Description("Range end, ISO-8601; default now.")][StringLength(40)] string? end = null,
        [Description("disk_usage, disk_io: the device, e.g. /dev/sda1; default the first.")][StringLength(200)] string? device = null,
        [Description("disk_usage: the mount point, e.g. / (instead of device).")][StringLength(1000)] string? partition = null,
        [Description("traffic: the network interface, e.g. eth0; default: Alpacon's choice.")][StringLength(100)] string? @interface = null,
        [Description("Most points returned in rows, newest kept; statistics cover all points.")][Range(1, 1000)] int limit = 100,
        CancellationToken cancellationToken = default) =>
        series.ReadAsync(targets.Resolve(host), metric, Time(start, "start"), Time(end, "end"), device, partition, @interface, limit, cancellationToken);

    [McpServerTool(Name = "alpacon_metrics_top", Title = "Alpacon top servers", ReadOnly = true, Destructive = false, Idempotent = true, OpenWorld = true, UseStructuredContent = true)]
    [Description("Rank a workspace's servers by cpu, memory, disk_io or traffic over Alpacon's last 24 hours.")]
    public async Task<AlpaconItems> TopAsync(
        [Description("cpu, memory, disk_io or traffic.")] AlpaconMetric metric = AlpaconMetric.Cpu,
        [Description(AlpaconText.Workspace)][StringLength(63)] string? workspace = null,
        CancellationToken cancellationToken = default)
    {
        if (metric == AlpaconMetric.DiskUsage)
        {
            throw new BastionException("Alpacon ranks servers by cpu, memory, disk_io or traffic, not disk_usage.");
        }

        var client = targets.Workspace(workspace);
        var path = AlpaconMetricPaths.Top(metric);
        var list = await client.ListAsync(path, null, 100, cancellationToken);
        return new AlpaconItems(client.Workspace.Name, null, "/" + path, list.Total, list.Truncated, list.Items, list.CutNotes("servers"));
    }

    private static DateTimeOffset? Time(string? text, string name)
    {
        if (text is null)
        {
            return null;
        }

        return DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var time)
            ? time.ToUniversalTime()
            : throw new BastionException($"{name} '{text}' is not an ISO-8601 time; e.g. 2025-11-08T09:00:00Z.");
    }
}
