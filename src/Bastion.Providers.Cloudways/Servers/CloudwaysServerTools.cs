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
    [Description("List the servers of the Cloudways account (GET /server): id, Bastion host name, label, state, provider, region, size, public IP and their apps (id, label, type). Start here for any Cloudways question: the ids it returns are what the other cloudways_ tools take. Master passwords are never returned.")]
    public async Task<ServerList> ListAsync(
        [Description("Only servers whose label, host name, IP or Cloudways host name contains this text (case-insensitive). Omit for all.")][StringLength(200)] string? filter = null,
        [Description("Most servers to return (1-500).")][Range(1, 500)] int limit = 100,
        CancellationToken cancellationToken = default)
    {
        var all = (await servers.ListAsync(cancellationToken)).Select(s => ServerSummary.From(s.Server, s.Host))
            .Where(s => filter is null || new[] { s.Label, s.Host, s.PublicIp, s.Fqdn }.Any(v => v?.Contains(filter, StringComparison.OrdinalIgnoreCase) == true));
        var (items, total, truncated) = Limits.Take(all, limit);
        return new ServerList(total, items, truncated);
    }

    [McpServerTool(Name = "cloudways_server_get", Title = "Cloudways server details", ReadOnly = true, Destructive = false, Idempotent = true, OpenWorld = true, UseStructuredContent = true)]
    [Description("Details of one Cloudways server: state, provider, region, zone, size, disk size (GB), IP, OS image, master user (not its password), backup settings, creation time, and every app on it with its domain, system user, database name and project. Read from GET /server (v1 has no single-server call).")]
    public async Task<ServerDetails> GetAsync(
        [Description("Cloudways server id (cloudways_servers_list).")][Range(1, long.MaxValue)] long server_id,
        CancellationToken cancellationToken = default)
    {
        var (server, host) = await servers.FindAsync(server_id, cancellationToken);
        return ServerDetails.From(server, host);
    }

    [McpServerTool(Name = "cloudways_server_disk_usage", Title = "Cloudways server disk usage", ReadOnly = true, Destructive = false, Idempotent = true, OpenWorld = true, UseStructuredContent = true)]
    [Description("Measure disk usage on a Cloudways server, per application and for the system (GET /server/{id}/diskUsage). Cloudways runs this as an operation: the tool waits for it, reporting progress, and returns what it produced (sizes as Cloudways reports them). Takes from seconds to a few minutes. For usage per app over time, see cloudways_server_monitor_summary with kind disk.")]
    public async Task<OperationReport> DiskUsageAsync(
        [Description("Cloudways server id (cloudways_servers_list).")][Range(1, long.MaxValue)] long server_id,
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
    [Description("The server-wide settings of a Cloudways server (GET /server/manage/settings): PHP limits (memory, execution time, upload size), timezone, MySQL/MariaDB and PHP versions and the like, as Cloudways names them. Use it to answer 'what is the upload limit / PHP version on this server'.")]
    public async Task<CloudwaysData> SettingsAsync(
        [Description("Cloudways server id (cloudways_servers_list).")][Range(1, long.MaxValue)] long server_id,
        [Description("Most items kept in each list of the answer (1-500).")][Range(1, 500)] int limit = 100,
        CancellationToken cancellationToken = default)
    {
        var answer = await client.GetAsync("/server/manage/settings", cancellationToken, CloudwaysClient.Field("server_id", server_id));
        return CloudwaysData.Of("GET /server/manage/settings", answer.Field("settings") ?? answer, limit);
    }
}
