using System.ComponentModel;
using System.ComponentModel.DataAnnotations;
using Bastion.Core.Policy;
using Bastion.Tools;
using Bastion.Providers.Cloudways.Api;
using Bastion.Providers.Cloudways.Operations;
using ModelContextProtocol;
using ModelContextProtocol.Server;

namespace Bastion.Providers.Cloudways.Monitoring;

/// <summary>Cloudways monitoring and analytics for servers and apps (read-only); the work is in <see cref="CloudwaysMonitoring"/>.</summary>
[McpServerToolType]
[Toolset("cloudways", Scopes.PlatformRead)]
internal sealed class CloudwaysMonitoringTools(CloudwaysMonitoring monitoring)
{
    [McpServerTool(Name = "cloudways_server_monitor_summary", Title = "Cloudways server bandwidth / disk summary", ReadOnly = true, Destructive = false, Idempotent = true, OpenWorld = true, UseStructuredContent = true)]
    [Description("Per-app bandwidth or disk size on a server (kind bw or db): one timestamped series per app. Unit as Cloudways gives it.")]
    public Task<MonitorSummary> ServerSummaryAsync(
        [Description("Cloudways server id.")][Range(1, long.MaxValue)] long server_id,
        [Description("'bandwidth' or 'disk'.")] ServerSummaryKind kind = ServerSummaryKind.Bandwidth,
        [Description("Most series, and latest points per series.")][Range(1, 1000)] int limit = 100,
        CancellationToken cancellationToken = default) =>
        monitoring.ServerSummaryAsync(server_id, kind, limit, cancellationToken);

    [McpServerTool(Name = "cloudways_server_monitor_detail", Title = "Cloudways server monitoring graph", ReadOnly = true, Destructive = false, Idempotent = true, OpenWorld = true, UseStructuredContent = true)]
    [Description("Graph data of one server metric over a period (CPU idle, memory, disk, load, network…). metric and duration take Cloudways' values: cloudways_discovery monitor_targets / monitor_durations. For now, use metrics_sample.")]
    public Task<CloudwaysData> ServerDetailAsync(
        [Description("Cloudways server id.")][Range(1, long.MaxValue)] long server_id,
        [Description("Metric (Cloudways' 'target'), as cloudways_discovery monitor_targets names it for the server's provider, e.g. 'Idle CPU'.")][StringLength(100)] string metric,
        [Description("Period, as cloudways_discovery monitor_durations names it, e.g. '1 Hour' or '1 Day'.")][StringLength(50)] string duration,
        [Description("Time zone of the timestamps, e.g. UTC or Europe/London.")][StringLength(64)] string timezone = "UTC",
        [Description("Provider type, only when Cloudways asks for it (do, amazon, gce).")][StringLength(32)] string? server_type = null,
        [Description("True for the storage graph variant Cloudways offers for disk metrics.")] bool storage = false,
        [Description("Most items per list.")][Range(1, 1000)] int limit = 200,
        IProgress<ProgressNotificationValue>? progress = null,
        CancellationToken cancellationToken = default) =>
        monitoring.ServerDetailAsync(server_id, metric, duration, timezone, server_type, storage, limit, progress.AsSteps(), cancellationToken);

    [McpServerTool(Name = "cloudways_server_usage", Title = "Cloudways server usage analytics", ReadOnly = true, Destructive = false, Idempotent = true, OpenWorld = true, UseStructuredContent = true)]
    [Description("Resource usage analytics of a server (waits for Cloudways' operation).")]
    public Task<OperationReport> ServerUsageAsync(
        [Description("Cloudways server id.")][Range(1, long.MaxValue)] long server_id,
        [Description("Most items per list.")][Range(1, 1000)] int limit = 100,
        IProgress<ProgressNotificationValue>? progress = null,
        CancellationToken cancellationToken = default) =>
        monitoring.ServerUsageAsync(server_id, limit, progress.AsSteps(), cancellationToken);

    [McpServerTool(Name = "cloudways_app_monitor_summary", Title = "Cloudways app bandwidth / disk summary", ReadOnly = true, Destructive = false, Idempotent = true, OpenWorld = true, UseStructuredContent = true)]
    [Description("An app's bandwidth, disk size, or file and database size summary (type bw, db or summary). Unit as Cloudways gives it.")]
    public Task<MonitorSummary> AppSummaryAsync(
        [Description("Cloudways server id of the app.")][Range(1, long.MaxValue)] long server_id,
        [Description("Cloudways app id.")][Range(1, long.MaxValue)] long app_id,
        [Description("'bandwidth', 'disk' or 'summary' (files and database sizes).")] SummaryKind kind = SummaryKind.Bandwidth,
        [Description("Most series, and latest points per series.")][Range(1, 1000)] int limit = 100,
        CancellationToken cancellationToken = default) =>
        monitoring.AppSummaryAsync(server_id, app_id, kind, limit, cancellationToken);

    [McpServerTool(Name = "cloudways_app_analytics", Title = "Cloudways app analytics (traffic, PHP, MySQL, cron)", ReadOnly = true, Destructive = false, Idempotent = true, OpenWorld = true, UseStructuredContent = true)]
    [Description("App analytics: traffic (top_ips, top_bots, top_urls, top_statuses), php (slow_pages, url_durations, processes), mysql (slow_queries, running_queries) over 15m, 30m, 1h or 1d; or cron jobs.")]
    public Task<CloudwaysData> AppAnalyticsAsync(
        [Description("Cloudways server id of the app.")][Range(1, long.MaxValue)] long server_id,
        [Description("Cloudways app id.")][Range(1, long.MaxValue)] long app_id,
        [Description("traffic, php, mysql or cron.")] AnalyticsKind kind,
        [Description("Window: 15m, 30m, 1h or 1d (not used for cron).")] AnalyticsWindow duration = AnalyticsWindow.Hour1,
        [Description("What to rank. traffic: top_ips (default), top_bots, top_urls, top_statuses; php: slow_pages (default), url_durations, processes; mysql: slow_queries (default), running_queries. Omit for cron.")][StringLength(32)] string? resource = null,
        [Description("Most items per list.")][Range(1, 1000)] int limit = 100,
        IProgress<ProgressNotificationValue>? progress = null,
        CancellationToken cancellationToken = default) =>
        monitoring.AppAnalyticsAsync(server_id, app_id, kind, duration, resource, limit, progress.AsSteps(), cancellationToken);
}
