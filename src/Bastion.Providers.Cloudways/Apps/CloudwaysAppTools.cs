using System.ComponentModel;
using System.ComponentModel.DataAnnotations;
using System.Text.Json;
using Bastion.Core.Policy;
using Bastion.Tools;
using Bastion.Providers.Cloudways.Api;
using Bastion.Providers.Cloudways.Backups;
using Bastion.Providers.Cloudways.Changes;
using Bastion.Providers.Cloudways.Git;
using Bastion.Providers.Cloudways.Monitoring;
using Bastion.Providers.Cloudways.Servers;
using ModelContextProtocol;
using ModelContextProtocol.Server;

namespace Bastion.Providers.Cloudways.Apps;

/// <summary>
/// One Cloudways app: details, settings, monitoring, analytics, backups and git state (read-only). Credentials are in
/// <see cref="CloudwaysAppCredentialTools"/>.
/// </summary>
[McpServerToolType]
[Toolset("cloudways", Scopes.PlatformRead)]
internal sealed class CloudwaysAppTools(CloudwaysServers servers, CloudwaysClient client, CloudwaysMonitoring monitoring, CloudwaysBackups backups, CloudwaysGit git)
{
    private static readonly ParameterUse<AppResource> Use = new ParameterUse<AppResource>(
        "resource",
        ("duration", [AppResource.Traffic, AppResource.Php, AppResource.Mysql]),
        ("rank", [AppResource.Traffic, AppResource.Php, AppResource.Mysql]),
        ("git_url", [AppResource.GitBranches]),
        ("limit", [.. Enum.GetValues<AppResource>().Where(r => r != AppResource.Details)]))
        .Needs("git_url", [AppResource.GitBranches], CloudwaysGit.GitUrlAccepted);

    [McpServerTool(Name = "cloudways_app", Title = "Cloudways app details, settings, analytics, backups, git", ReadOnly = true, Destructive = false, Idempotent = true, OpenWorld = true, UseStructuredContent = true)]
    [Description("Read a Cloudways app: details, settings, monitoring, analytics, cron, backups or git state.")]
    public async Task<AppInfo> ReadAsync(
        [Description("Server id of the app.")][Range(1, long.MaxValue)] long server_id,
        [Description("Cloudways app id.")][Range(1, long.MaxValue)] long app_id,
        AppResource resource,
        [Description("traffic, php, mysql: window, default 1h.")] AnalyticsWindow? duration = null,
        [Description("traffic, php, mysql: ranking, e.g. top_ips, top_urls, slow_pages, slow_queries.")][StringLength(200)] string? rank = null,
        [Description("git_branches: repository SSH address.")][StringLength(500)] string? git_url = null,
        [Description("Max items.")][Range(1, 1000)] int? limit = null,
        IProgress<ProgressNotificationValue>? progress = null,
        CancellationToken cancellationToken = default)
    {
        Use.Check(resource, ("duration", duration), ("rank", rank), ("git_url", git_url), ("limit", limit));
        AppInfo Of(CloudwaysApp? details = null, AppSettings? settings = null, MonitorSummary? summary = null, CloudwaysData? data = null) =>
            new(resource, details, settings, summary, data);
        Task<CloudwaysData> AnalyticsAsync(AnalyticsKind kind) =>
            monitoring.AppAnalyticsAsync(server_id, app_id, kind, duration ?? AnalyticsWindow.Hour1, rank, limit ?? 100, progress.AsSteps(), cancellationToken);
        Task<MonitorSummary> SummaryAsync(SummaryKind kind) => monitoring.AppSummaryAsync(server_id, app_id, kind, limit ?? 100, cancellationToken);

        return resource switch
        {
            AppResource.Details => Of(details: CloudwaysApp.From(await servers.FindAppAsync(server_id, app_id, cancellationToken), server_id)),
            AppResource.Settings => Of(settings: await SettingsAsync(server_id, app_id, limit ?? 100, cancellationToken)),
            AppResource.Bandwidth => Of(summary: await SummaryAsync(SummaryKind.Bandwidth)),
            AppResource.Disk => Of(summary: await SummaryAsync(SummaryKind.Disk)),
            AppResource.Sizes => Of(summary: await SummaryAsync(SummaryKind.Summary)),
            AppResource.Traffic => Of(data: await AnalyticsAsync(AnalyticsKind.Traffic)),
            AppResource.Php => Of(data: await AnalyticsAsync(AnalyticsKind.Php)),
            AppResource.Mysql => Of(data: await AnalyticsAsync(AnalyticsKind.Mysql)),
            AppResource.Cron => Of(data: await AnalyticsAsync(AnalyticsKind.Cron)),
            AppResource.Backups => Of(data: await backups.ListAsync(server_id, app_id, limit ?? 50, progress.AsSteps(), cancellationToken)),
            AppResource.GitHistory => Of(data: await git.ReadAsync(server_id, app_id, GitRead.History, git_url, limit ?? 50, cancellationToken)),
            AppResource.GitBranches => Of(data: await git.ReadAsync(server_id, app_id, GitRead.Branches, git_url, limit ?? 50, cancellationToken)),
            _ => Of(data: await git.ReadAsync(server_id, app_id, GitRead.Key, git_url, limit ?? 50, cancellationToken)),
        };
    }

    /// <summary>The app's PHP-FPM pool and Varnish settings; a part that fails is reported in errors.</summary>
    private async Task<AppSettings> SettingsAsync(long serverId, long appId, int limit, CancellationToken cancellationToken)
    {
        var errors = new List<string>();
        var truncated = false;
        async Task<JsonElement?> ReadAsync(string path)
        {
            try
            {
                var answer = await client.GetAsync(path, cancellationToken, CloudwaysClient.Field("server_id", serverId), CloudwaysClient.Field("app_id", appId));
                var (value, cut) = JsonBounds.Cut(answer, limit);
                truncated |= cut;
                return value;
            }
            catch (PlatformException e) when (e.Status is not null)
            {
                errors.Add(e.Message);
                return null;
            }
        }

        var fpm = await ReadAsync("/app/manage/fpm_setting");
        var varnish = await ReadAsync("/app/manage/varnish_setting");
        return new AppSettings(serverId, appId, fpm, varnish, errors, truncated);
    }
}
