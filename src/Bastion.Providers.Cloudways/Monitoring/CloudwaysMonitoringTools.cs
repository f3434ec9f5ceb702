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
    [Description("Bandwidth used by a Cloudways server, or size on disk of each of its apps (GET /server/monitor/summary, type bw or db): one series per app (by system user) with timestamped values. Use it for 'which app uses the most disk / traffic on this server'. Values are as Cloudways reports them (unit undocumented).")]
    public Task<MonitorSummary> ServerSummaryAsync(
        [Description("Cloudways server id (cloudways_servers_list).")][Range(1, long.MaxValue)] long server_id,
        [Description("'bandwidth' or 'disk'.")] ServerSummaryKind kind = ServerSummaryKind.Bandwidth,
        [Description("Most series, and most points per series (the latest), to return (1-1000).")][Range(1, 1000)] int limit = 100,
        CancellationToken cancellationToken = default) =>
        monitoring.ServerSummaryAsync(server_id, kind, limit, cancellationToken);

    [McpServerTool(Name = "cloudways_server_monitor_detail", Title = "Cloudways server monitoring graph", ReadOnly = true, Destructive = false, Idempotent = true, OpenWorld = true, UseStructuredContent = true)]
    [Description("The graph data of one server metric over a period (GET /server/monitor/detail): CPU idle, memory, disk, load, network and others, as Cloudways returns them. metric and duration take Cloudways' own values: list them with cloudways_discovery (what monitor_targets / monitor_durations). Use it to see how a server's resources moved over hours or days; for a live look at a host use metrics_sample.")]
    public Task<CloudwaysData> ServerDetailAsync(
        [Description("Cloudways server id (cloudways_servers_list).")][Range(1, long.MaxValue)] long server_id,
        [Description("Metric (Cloudways' 'target'), as cloudways_discovery monitor_targets names it for the server's provider, e.g. 'Idle CPU'.")][StringLength(100)] string metric,
        [Description("Period, as cloudways_discovery monitor_durations names it, e.g. '1 Hour' or '1 Day'.")][StringLength(50)] string duration,
        [Description("Time zone of the timestamps, e.g. UTC or Europe/London.")][StringLength(64)] string timezone = "UTC",
        [Description("Provider type Cloudways asks for some graphs (e.g. do, amazon, gce); omit unless Cloudways asks for it.")][StringLength(32)] string? server_type = null,
        [Description("True for the storage graph variant Cloudways offers for disk metrics.")] bool storage = false,
        [Description("Most items kept in each list of the answer (1-1000).")][Range(1, 1000)] int limit = 200,
        IProgress<ProgressNotificationValue>? progress = null,
        CancellationToken cancellationToken = default) =>
        monitoring.ServerDetailAsync(server_id, metric, duration, timezone, server_type, storage, limit, progress.AsSteps(), cancellationToken);

    [McpServerTool(Name = "cloudways_server_usage", Title = "Cloudways server usage analytics", ReadOnly = true, Destructive = false, Idempotent = true, OpenWorld = true, UseStructuredContent = true)]
    [Description("Resource usage analytics of a Cloudways server (GET /server/analytics/serverUsage): Cloudways computes them as an operation, which the tool waits for with progress, then returns what it produced as Cloudways gives it.")]
    public Task<OperationReport> ServerUsageAsync(
        [Description("Cloudways server id (cloudways_servers_list).")][Range(1, long.MaxValue)] long server_id,
        [Description("Most items kept in each list of the answer (1-1000).")][Range(1, 1000)] int limit = 100,
        IProgress<ProgressNotificationValue>? progress = null,
        CancellationToken cancellationToken = default) =>
        monitoring.ServerUsageAsync(server_id, limit, progress.AsSteps(), cancellationToken);

    [McpServerTool(Name = "cloudways_app_monitor_summary", Title = "Cloudways app bandwidth / disk summary", ReadOnly = true, Destructive = false, Idempotent = true, OpenWorld = true, UseStructuredContent = true)]
    [Description("Bandwidth used by one Cloudways app, its size on disk, or a summary of its file and database sizes (GET /app/monitor/summary, type bw, db or summary). Values are as Cloudways reports them (unit undocumented).")]
    public Task<MonitorSummary> AppSummaryAsync(
        [Description("Cloudways server id of the app.")][Range(1, long.MaxValue)] long server_id,
        [Description("Cloudways app id.")][Range(1, long.MaxValue)] long app_id,
        [Description("'bandwidth', 'disk' or 'summary' (files and database sizes).")] SummaryKind kind = SummaryKind.Bandwidth,
        [Description("Most series, and most points per series (the latest), to return (1-1000).")][Range(1, 1000)] int limit = 100,
        CancellationToken cancellationToken = default) =>
        monitoring.AppSummaryAsync(server_id, app_id, kind, limit, cancellationToken);

    [McpServerTool(Name = "cloudways_app_analytics", Title = "Cloudways app analytics (traffic, PHP, MySQL, cron)", ReadOnly = true, Destructive = false, Idempotent = true, OpenWorld = true, UseStructuredContent = true)]
    [Description("An app's analytics from Cloudways (GET /app/analytics/{kind}): traffic (resource top_ips, top_bots, top_urls or top_statuses), php (slow_pages, url_durations or processes), mysql (slow_queries or running_queries) over the last 15m, 30m, 1h or 1d; or its cron jobs. Use it for 'who is hammering this site', 'which pages are slow', 'which queries are slow'. Waits (with progress) when Cloudways answers with an operation.")]
    public Task<CloudwaysData> AppAnalyticsAsync(
        [Description("Cloudways server id of the app.")][Range(1, long.MaxValue)] long server_id,
        [Description("Cloudways app id.")][Range(1, long.MaxValue)] long app_id,
        [Description("traffic, php, mysql or cron.")] AnalyticsKind kind,
        [Description("Window: 15m, 30m, 1h or 1d (not used for cron).")] AnalyticsWindow duration = AnalyticsWindow.Hour1,
        [Description("What to rank. traffic: top_ips (default), top_bots, top_urls, top_statuses; php: slow_pages (default), url_durations, processes; mysql: slow_queries (default), running_queries. Omit for cron.")][StringLength(32)] string? resource = null,
        [Description("Most items kept in each list of the answer (1-1000).")][Range(1, 1000)] int limit = 100,
        IProgress<ProgressNotificationValue>? progress = null,
        CancellationToken cancellationToken = default) =>
        monitoring.AppAnalyticsAsync(server_id, app_id, kind, duration, resource, limit, progress.AsSteps(), cancellationToken);
}
