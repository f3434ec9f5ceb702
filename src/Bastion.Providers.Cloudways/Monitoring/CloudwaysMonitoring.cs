using Bastion.Core.Progress;
using Bastion.Providers.Cloudways.Api;
using Bastion.Providers.Cloudways.Operations;

namespace Bastion.Providers.Cloudways.Monitoring;

/// <summary>
/// Cloudways monitoring and analytics of servers and apps. Sources: <c>GET /server/monitor/summary</c> and
/// <c>/app/monitor/summary</c> (type bw, db or summary), <c>GET /server/monitor/detail</c> (target, duration, timezone,
/// output_format=json, storage, server_type), <c>GET /server/analytics/serverUsage</c> (an operation), and
/// <c>GET /app/analytics/{traffic|php|mysql|cron}</c> (duration, resource). Graphs and analytics may come at once or
/// as an operation, which is waited for with progress. Values and units are Cloudways'.
/// </summary>
internal sealed class CloudwaysMonitoring(CloudwaysClient client, CloudwaysOperations operations)
{
    private static readonly Dictionary<AnalyticsKind, string[]> Resources = new()
    {
        [AnalyticsKind.Traffic] = ["top_ips", "top_bots", "top_urls", "top_statuses"],
        [AnalyticsKind.Php] = ["slow_pages", "url_durations", "processes"],
        [AnalyticsKind.Mysql] = ["slow_queries", "running_queries"],
        [AnalyticsKind.Cron] = [],
    };

    /// <summary>A server's bandwidth or per-app disk series, at most <paramref name="limit"/> series and points each.</summary>
    /// <exception cref="PlatformException">Cloudways refused the call.</exception>
    /// <exception cref="ArgumentException"><paramref name="kind"/> is <see cref="SummaryKind.Summary"/>, which only apps have.</exception>
    public async Task<MonitorSummary> ServerSummaryAsync(long serverId, SummaryKind kind, int limit, CancellationToken cancellationToken)
    {
        if (kind == SummaryKind.Summary)
        {
            throw new ArgumentException("A server's summary is bandwidth or disk.", nameof(kind));
        }

        var answer = await client.GetAsync("/server/monitor/summary", cancellationToken, CloudwaysClient.Field("server_id", serverId), CloudwaysClient.Field("type", TypeOf(kind)));
        return MonitorSummary.From(serverId, null, kind, answer, limit);
    }

    /// <summary>The graph of <paramref name="metric"/> over <paramref name="duration"/>, arrays cut to <paramref name="limit"/>.</summary>
    /// <exception cref="PlatformException">Cloudways refused the call, or its operation failed.</exception>
    public async Task<CloudwaysData> ServerDetailAsync(long serverId, string metric, string duration, string timezone, string? serverType, bool storage, int limit, IProgress<StepProgress>? progress, CancellationToken cancellationToken)
    {
        var query = new List<KeyValuePair<string, string>>
        {
            CloudwaysClient.Field("server_id", serverId),
            CloudwaysClient.Field("target", metric),
            CloudwaysClient.Field("duration", duration),
            CloudwaysClient.Field("timezone", timezone),
            CloudwaysClient.Field("output_format", "json"),
            CloudwaysClient.Field("storage", storage ? "true" : "false"),
        };
        if (serverType is not null)
        {
            query.Add(CloudwaysClient.Field("server_type", serverType));
        }

        var answer = await client.GetAsync("/server/monitor/detail", cancellationToken, [.. query]);
        var data = await operations.ResultAsync(answer, $"graph '{metric}' of server {serverId}", progress, cancellationToken);
        return CloudwaysData.Of("GET /server/monitor/detail", data.Field("contents") ?? data.Field("content") ?? data, limit);
    }

    /// <summary>A server's usage analytics: the operation Cloudways starts, waited for, and what it produced.</summary>
    /// <exception cref="PlatformException">Cloudways refused the call, or the operation failed.</exception>
    public async Task<OperationReport> ServerUsageAsync(long serverId, int limit, IProgress<StepProgress>? progress, CancellationToken cancellationToken)
    {
        var answer = await client.GetAsync("/server/analytics/serverUsage", cancellationToken, CloudwaysClient.Field("server_id", serverId));
        if (CloudwaysOperations.IdIn(answer) is not { } id)
        {
            var (value, cut) = JsonBounds.Cut(answer, limit);
            return new OperationReport(serverId, string.Empty, null, null, 0, value, cut);
        }

        var (operation, seconds) = await operations.WaitAsync(id, $"usage analytics of server {serverId}", progress, cancellationToken);
        return OperationReport.Of(serverId, operation, seconds, limit);
    }

    /// <summary>An app's bandwidth, disk or size summary.</summary>
    /// <exception cref="PlatformException">Cloudways refused the call.</exception>
    public async Task<MonitorSummary> AppSummaryAsync(long serverId, long appId, SummaryKind kind, int limit, CancellationToken cancellationToken)
    {
        var answer = await client.GetAsync(
            "/app/monitor/summary",
            cancellationToken,
            CloudwaysClient.Field("server_id", serverId),
            CloudwaysClient.Field("app_id", appId),
            CloudwaysClient.Field("type", TypeOf(kind)));
        return MonitorSummary.From(serverId, appId, kind, answer, limit);
    }

    /// <summary>An app's analytics of <paramref name="kind"/>; <paramref name="resource"/> defaults to the kind's first.</summary>
    /// <exception cref="PlatformException">The resource does not belong to the kind, Cloudways refused the call, or its operation failed.</exception>
    public async Task<CloudwaysData> AppAnalyticsAsync(long serverId, long appId, AnalyticsKind kind, AnalyticsWindow duration, string? resource, int limit, IProgress<StepProgress>? progress, CancellationToken cancellationToken)
    {
        var allowed = Resources[kind];
        if (resource is not null && !allowed.Contains(resource))
        {
            throw new PlatformException(CloudwaysApi.Platform, allowed.Length == 0
                ? $"{KindPath(kind)} analytics take no rank."
                : $"rank '{resource}' is not one of {KindPath(kind)}'s: {string.Join(", ", allowed)}.");
        }

        var query = new List<KeyValuePair<string, string>> { CloudwaysClient.Field("server_id", serverId), CloudwaysClient.Field("app_id", appId) };
        if (kind != AnalyticsKind.Cron)
        {
            query.Add(CloudwaysClient.Field("duration", WindowOf(duration)));
            query.Add(CloudwaysClient.Field("resource", resource ?? allowed[0]));
        }

        var path = $"/app/analytics/{KindPath(kind)}";
        var answer = await client.GetAsync(path, cancellationToken, [.. query]);
        var data = await operations.ResultAsync(answer, $"{KindPath(kind)} analytics of app {appId}", progress, cancellationToken);
        return CloudwaysData.Of($"GET {path}", data, limit);
    }

    private static string TypeOf(SummaryKind kind) => kind switch
    {
        SummaryKind.Bandwidth => "bw",
        SummaryKind.Disk => "db",
        _ => "summary",
    };

    private static string KindPath(AnalyticsKind kind) => kind.ToString().ToLowerInvariant();

    private static string WindowOf(AnalyticsWindow window) => window switch
    {
        AnalyticsWindow.Minutes15 => "15m",
        AnalyticsWindow.Minutes30 => "30m",
        AnalyticsWindow.Hour1 => "1h",
        _ => "1d",
    };
}
