using System.ComponentModel;
using System.ComponentModel.DataAnnotations;
using Bastion.Core;
using Bastion.Core.Policy;
using Bastion.Tools;
using Bastion.Providers.Cloudways.Api;
using Bastion.Providers.Cloudways.Operations;
using ModelContextProtocol;
using ModelContextProtocol.Server;

namespace Bastion.Providers.Cloudways.Servers;

/// <summary>Cloudways servers: list, details, disk usage and settings (read-only).</summary>
[McpServerToolType]
[Toolset("cloudways", Scopes.PlatformRead)]
internal sealed class CloudwaysServerTools(CloudwaysServers servers, CloudwaysClient client, CloudwaysOperations operations)
{
    [McpServerTool(Name = "cloudways_servers_list", Title = "List Cloudways servers", ReadOnly = true, Destructive = false, Idempotent = true, OpenWorld = true, UseStructuredContent = true)]
    [Description("Servers of the Cloudways account: id, Bastion host name, label, state, provider, region, size, IP and apps (id, label, type). Start here: other cloudways_ tools take these ids.")]
    public async Task<ServerList> ListAsync(
        [Description("Only servers whose label, host name or IP contains this.")][StringLength(200)] string? filter = null,
        [Description("Most servers to return (1-500).")][Range(1, 500)] int limit = 100,
        CancellationToken cancellationToken = default)
    {
        var all = (await servers.ListAsync(cancellationToken)).Select(s => ServerSummary.From(s.Server, s.Host))
            .Where(s => filter is null || new[] { s.Label, s.Host, s.PublicIp, s.Fqdn }.Any(v => v?.Contains(filter, StringComparison.OrdinalIgnoreCase) == true));
        var (items, total, truncated) = Limits.Take(all, limit);
        return new ServerList(total, items, truncated);
    }

    [McpServerTool(Name = "cloudways_server_get", Title = "Cloudways server details", ReadOnly = true, Destructive = false, Idempotent = true, OpenWorld = true, UseStructuredContent = true)]
    [Description("One Cloudways server: state, provider, region, zone, size, disk GB, IP, image, master user, backup settings, created time, and each app's domain, system user, database and project.")]
    public async Task<ServerDetails> GetAsync(
        [Description("Cloudways server id.")][Range(1, long.MaxValue)] long server_id,
        CancellationToken cancellationToken = default)
    {
        var (server, host) = await servers.FindAsync(server_id, cancellationToken);
        return ServerDetails.From(server, host);
    }

    [McpServerTool(Name = "cloudways_server_disk_usage", Title = "Cloudways server disk usage", ReadOnly = true, Destructive = false, Idempotent = true, OpenWorld = true, UseStructuredContent = true)]
    [Description("Measure disk usage per app and for the system (waits for Cloudways' operation, seconds to minutes). Over time: cloudways_server_monitor_summary kind disk.")]
    public async Task<OperationReport> DiskUsageAsync(
        [Description("Cloudways server id.")][Range(1, long.MaxValue)] long server_id,
        [Description("Most items kept in each list of the answer (1-500).")][Range(1, 500)] int limit = 100,
        IProgress<ProgressNotificationValue>? progress = null,
        CancellationToken cancellationToken = default)
    {
        var answer = await client.GetAsync($"/server/{server_id}/diskUsage", cancellationToken);
        var id = CloudwaysOperations.IdIn(answer)
            ?? throw new PlatformException(CloudwaysApi.Platform, $"GET /server/{server_id}/diskUsage returned no operation id.");
        var (operation, seconds) = await operations.WaitAsync(id, $"disk usage of server {server_id}", progress.AsSteps(), cancellationToken);
        return OperationReport.Of(server_id, operation, seconds, limit);
    }

    [McpServerTool(Name = "cloudways_server_settings", Title = "Cloudways server settings", ReadOnly = true, Destructive = false, Idempotent = true, OpenWorld = true, UseStructuredContent = true)]
    [Description("Server-wide settings: PHP limits (memory, execution time, upload size), timezone, MySQL/MariaDB and PHP versions, as Cloudways names them.")]
    public async Task<CloudwaysData> SettingsAsync(
        [Description("Cloudways server id.")][Range(1, long.MaxValue)] long server_id,
        [Description("Most items kept in each list of the answer (1-500).")][Range(1, 500)] int limit = 100,
        CancellationToken cancellationToken = default)
    {
        var answer = await client.GetAsync("/server/manage/settings", cancellationToken, CloudwaysClient.Field("server_id", server_id));
        return CloudwaysData.Of("GET /server/manage/settings", answer.Field("settings") ?? answer, limit);
    }
}
