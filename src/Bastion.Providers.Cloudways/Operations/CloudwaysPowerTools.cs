using System.ComponentModel;
using System.ComponentModel.DataAnnotations;
using Bastion.Core;
using Bastion.Core.Inventory;
using Bastion.Core.Policy;
using Bastion.Tools;
using Bastion.Providers.Cloudways.Api;
using Bastion.Providers.Cloudways.Hosts;
using Bastion.Providers.Cloudways.Servers;
using ModelContextProtocol;
using ModelContextProtocol.Server;

namespace Bastion.Providers.Cloudways.Operations;

/// <summary>
/// Starting, stopping and restarting Cloudways servers (<c>POST /server/start|stop|restart</c>, then
/// <c>/operation/{id}</c> until done). Stop and restart are destructive, so the call pipeline asks the user first;
/// a POST is sent once and never retried.
/// </summary>
[McpServerToolType]
[Toolset("cloudways", Scopes.PlatformManage)]
internal sealed class CloudwaysPowerTools(CloudwaysClient client, CloudwaysOperations operations, CloudwaysServers servers, IInventory inventory)
{
    private const string ServerIdText = "Cloudways server id; or host.";
    private const string HostText = "Bastion host name of the server; or server_id.";
    private const string WaitText = "False returns the operation id at once instead of waiting.";

    [McpServerTool(Name = "cloudways_server_start", Title = "Start a Cloudways server", ReadOnly = false, Destructive = false, Idempotent = true, OpenWorld = true, UseStructuredContent = true)]
    [Description("Start a stopped Cloudways server and wait until done.")]
    public Task<PowerResult> StartAsync(
        [Description(ServerIdText)][Range(1, long.MaxValue)] long? server_id = null,
        [Description(HostText)][StringLength(63)] string? host = null,
        [Description(WaitText)] bool wait = true,
        IProgress<ProgressNotificationValue>? progress = null,
        CancellationToken cancellationToken = default) =>
        RunAsync(PowerAction.Start, server_id, host, wait, progress, cancellationToken);

    [McpServerTool(Name = "cloudways_server_stop", Title = "Stop a Cloudways server", ReadOnly = false, Destructive = true, Idempotent = true, OpenWorld = true, UseStructuredContent = true)]
    [Description("Stop a Cloudways server (all its sites go offline) and wait until done.")]
    public Task<PowerResult> StopAsync(
        [Description(ServerIdText)][Range(1, long.MaxValue)] long? server_id = null,
        [Description(HostText)][StringLength(63)] string? host = null,
        [Description(WaitText)] bool wait = true,
        IProgress<ProgressNotificationValue>? progress = null,
        CancellationToken cancellationToken = default) =>
        RunAsync(PowerAction.Stop, server_id, host, wait, progress, cancellationToken);

    [McpServerTool(Name = "cloudways_server_restart", Title = "Restart a Cloudways server", ReadOnly = false, Destructive = true, Idempotent = false, OpenWorld = true, UseStructuredContent = true)]
    [Description("Restart a Cloudways server (its sites are offline meanwhile) and wait until done. For one service prefer cloudways_service_control.")]
    public Task<PowerResult> RestartAsync(
        [Description(ServerIdText)][Range(1, long.MaxValue)] long? server_id = null,
        [Description(HostText)][StringLength(63)] string? host = null,
        [Description(WaitText)] bool wait = true,
        IProgress<ProgressNotificationValue>? progress = null,
        CancellationToken cancellationToken = default) =>
        RunAsync(PowerAction.Restart, server_id, host, wait, progress, cancellationToken);

    private async Task<PowerResult> RunAsync(PowerAction action, long? server_id, string? host, bool wait, IProgress<ProgressNotificationValue>? progress, CancellationToken cancellationToken)
    {
        var id = ServerId(server_id, host);
        var verb = action.ToString().ToLowerInvariant();
        var answer = await client.PostAsync($"/server/{verb}", cancellationToken, CloudwaysClient.Field("server_id", id));
        var started = CloudwaysOperations.IdIn(answer)
            ?? throw new PlatformException(CloudwaysApi.Platform, $"POST /server/{verb} returned no operation id; check the server with cloudways_server_get.");
        if (!wait)
        {
            return new PowerResult(id, host, action, started, OperationState.Running, null, 0, null);
        }

        var (operation, seconds) = await operations.WaitAsync(started, $"{verb} of server {id}", progress.AsSteps(), cancellationToken);
        (string? Host, string? Status) after = (host, null);
        try
        {
            var (server, name) = await servers.FindAsync(id, cancellationToken);
            after = (name, server.Text("status"));
        }
        catch (BastionException)
        {
            // The operation is done; its outcome stands even if the server cannot be read right now.
        }

        return new PowerResult(id, after.Host, action, operation.Id, operation.State, operation.Status ?? operation.Message, seconds, after.Status);
    }

    private long ServerId(long? server_id, string? host)
    {
        if ((server_id is null) == (host is null))
        {
            throw new BastionException("Give exactly one of server_id (Cloudways id) or host (Bastion host name).");
        }

        if (server_id is { } id)
        {
            return id;
        }

        var entry = inventory.Get(host!);
        return entry.Kind == HostKind.Platform && entry.Labels.TryGetValue("backend", out var backend) && backend == CloudwaysHostSource.BackendName
            && entry.Labels.TryGetValue("id", out var text) && long.TryParse(text, out var parsed)
            ? parsed
            : throw new BastionException($"Host '{host}' is not a Cloudways server (its backend label is not {CloudwaysHostSource.BackendName}); see hosts_list with select backend={CloudwaysHostSource.BackendName}.");
    }
}
