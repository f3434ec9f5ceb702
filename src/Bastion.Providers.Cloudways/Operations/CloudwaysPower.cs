using Bastion.Core;
using Bastion.Core.Inventory;
using Bastion.Core.Progress;
using Bastion.Tools;
using Bastion.Providers.Cloudways.Api;
using Bastion.Providers.Cloudways.Hosts;
using Bastion.Providers.Cloudways.Servers;

namespace Bastion.Providers.Cloudways.Operations;

/// <summary>
/// Starting, stopping and restarting Cloudways servers (<c>POST /server/start|stop|restart</c>, then
/// <c>/operation/{id}</c> until done; a POST is sent once and never retried), and the server id of a Bastion host name.
/// </summary>
internal sealed class CloudwaysPower(CloudwaysClient client, CloudwaysOperations operations, CloudwaysServers servers, IInventory inventory)
{
    /// <summary>Runs <paramref name="action"/> on the server; with <paramref name="wait"/> false the operation is returned running.</summary>
    /// <exception cref="PlatformException">Cloudways refused the call, or the operation failed or timed out.</exception>
    public async Task<PowerResult> RunAsync(PowerAction action, long id, string? host, bool wait, IProgress<StepProgress>? progress, CancellationToken cancellationToken)
    {
        var verb = action.ToString().ToLowerInvariant();
        var answer = await client.PostAsync($"/server/{verb}", cancellationToken, CloudwaysClient.Field("server_id", id));
        var started = CloudwaysOperations.IdIn(answer)
            ?? throw new PlatformException(CloudwaysApi.Platform, $"POST /server/{verb} returned no operation id; check the server with cloudways_server resource details.");
        if (!wait)
        {
            return new PowerResult(id, host, action, started, OperationState.Running, null, 0, null);
        }

        var (operation, seconds) = await operations.WaitAsync(started, $"{verb} of server {id}", progress, cancellationToken);
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

    /// <summary>The Cloudways server id given, or the one of the Bastion host name given.</summary>
    /// <exception cref="BastionException">Not exactly one was given, or the host is not a Cloudways server.</exception>
    public long ServerId(long? serverId, string? host)
    {
        if ((serverId is null) == (host is null))
        {
            throw new BastionException("Give exactly one of server_id (Cloudways id) or host (Bastion host name).");
        }

        if (serverId is { } id)
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
