using System.ComponentModel;
using System.ComponentModel.DataAnnotations;
using System.Text.Json;
using System.Text.Json.Nodes;
using Bastion.Core;
using Bastion.Core.Policy;
using Bastion.Tools;
using Bastion.Providers.Cloudways.Api;
using Bastion.Providers.Cloudways.Changes;
using Bastion.Providers.Cloudways.Monitoring;
using Bastion.Providers.Cloudways.Operations;
using Bastion.Providers.Cloudways.Services;
using Bastion.Providers.Cloudways.Whitelist;
using ModelContextProtocol;
using ModelContextProtocol.Server;

namespace Bastion.Providers.Cloudways.Servers;

/// <summary>One Cloudways server: details, settings, services, whitelists, disk usage, usage and monitoring (read-only).</summary>
[McpServerToolType]
[Toolset("cloudways", Scopes.PlatformRead)]
internal sealed class CloudwaysServerTools(
    CloudwaysServers servers, CloudwaysClient client, CloudwaysOperations operations, CloudwaysMonitoring monitoring, CloudwaysServices services, CloudwaysWhitelists whitelists)
{
    private static readonly ServerResource[] Graph = [ServerResource.Monitor];

    private static readonly ParameterUse<ServerResource> Use = new(
        "resource",
        ("app_id", [ServerResource.Services]),
        ("metric", Graph),
        ("duration", Graph),
        ("timezone", Graph),
        ("server_type", Graph),
        ("storage", Graph),
        ("limit", [ServerResource.Settings, ServerResource.DiskUsage, ServerResource.Usage, ServerResource.Bandwidth, ServerResource.Disk, ServerResource.Monitor]));

    [McpServerTool(Name = "cloudways_server", Title = "Cloudways server details, settings and monitoring", ReadOnly = true, Destructive = false, Idempotent = true, OpenWorld = true, UseStructuredContent = true)]
    [Description("Read a Cloudways server: details, settings, services, whitelists, disk_usage (measured now), usage, per-app bandwidth/disk, or a monitor graph.")]
    public async Task<ServerInfo> ReadAsync(
        [Description("Cloudways server id.")][Range(1, long.MaxValue)] long server_id,
        ServerResource resource,
        [Description("services: with this app's Varnish state.")][Range(1, long.MaxValue)] long? app_id = null,
        [Description("monitor: e.g. Idle CPU (cloudways_list monitor_targets).")][StringLength(200)] string? metric = null,
        [Description("monitor: e.g. 1 Hour (cloudways_list monitor_durations).")][StringLength(200)] string? duration = null,
        [Description("monitor: default UTC.")][StringLength(200)] string? timezone = null,
        [Description("monitor: only if Cloudways asks, e.g. do.")][StringLength(200)] string? server_type = null,
        [Description("monitor: storage variant of a disk graph.")] bool? storage = null,
        [Description("Max items.")][Range(1, 1000)] int? limit = null,
        IProgress<ProgressNotificationValue>? progress = null,
        CancellationToken cancellationToken = default)
    {
        Use.Check(resource, ("app_id", app_id), ("metric", metric), ("duration", duration), ("timezone", timezone), ("server_type", server_type), ("storage", storage), ("limit", limit));
        ServerInfo Of(ServerDetails? details = null, CloudwaysData? data = null, OperationReport? report = null, MonitorSummary? summary = null) =>
            new(resource, details, data, report, summary);

        switch (resource)
        {
            case ServerResource.Details:
                var (server, host) = await servers.FindAsync(server_id, cancellationToken);
                return Of(details: ServerDetails.From(server, host));
            case ServerResource.Settings:
                var settings = await client.GetAsync("/server/manage/settings", cancellationToken, CloudwaysClient.Field("server_id", server_id));
                return Of(data: CloudwaysData.Of("GET /server/manage/settings", settings.Field("settings") ?? settings, limit ?? 100));
            case ServerResource.Services:
                return Of(data: await services.StatusAsync(server_id, app_id, cancellationToken));
            case ServerResource.SftpWhitelist:
            case ServerResource.MysqlWhitelist:
                var kind = resource == ServerResource.SftpWhitelist ? WhitelistKind.Sftp : WhitelistKind.Mysql;
                var ips = await whitelists.ListAsync(server_id, kind, cancellationToken);
                var source = kind == WhitelistKind.Sftp ? "GET /security/whitelisted" : "GET /security/whitelistedIpsMysql";
                return Of(data: CloudwaysData.Of(source, JsonSerializer.SerializeToElement(new JsonObject { ["ip_list"] = new JsonArray([.. ips.Select(ip => JsonValue.Create(ip))]) }, CommonJson.Default.JsonObject), 500));
            case ServerResource.DiskUsage:
                var answer = await client.GetAsync($"/server/{server_id}/diskUsage", cancellationToken);
                var id = CloudwaysOperations.IdIn(answer)
                    ?? throw new PlatformException(CloudwaysApi.Platform, $"GET /server/{server_id}/diskUsage returned no operation id.");
                var (operation, seconds) = await operations.WaitAsync(id, $"disk usage of server {server_id}", progress.AsSteps(), cancellationToken);
                return Of(report: OperationReport.Of(server_id, operation, seconds, limit ?? 100));
            case ServerResource.Usage:
                return Of(report: await monitoring.ServerUsageAsync(server_id, limit ?? 100, progress.AsSteps(), cancellationToken));
            case ServerResource.Bandwidth:
            case ServerResource.Disk:
                var summaryKind = resource == ServerResource.Disk ? SummaryKind.Disk : SummaryKind.Bandwidth;
                return Of(summary: await monitoring.ServerSummaryAsync(server_id, summaryKind, limit ?? 100, cancellationToken));
            default:
                var target = Use.Need(resource, "metric", metric, "Cloudways' target, as cloudways_list monitor_targets names it, e.g. 'Idle CPU'");
                var period = Use.Need(resource, "duration", duration, "the period, as cloudways_list monitor_durations names it, e.g. '1 Hour'");
                return Of(data: await monitoring.ServerDetailAsync(server_id, target, period, timezone ?? "UTC", server_type, storage ?? false, limit ?? 200, progress.AsSteps(), cancellationToken));
        }
    }
}
