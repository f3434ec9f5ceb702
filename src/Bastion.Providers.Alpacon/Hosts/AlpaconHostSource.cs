using Bastion.Core;
using Bastion.Core.Inventory;
using Bastion.Providers.Alpacon.Api;
using Microsoft.Extensions.Logging;

namespace Bastion.Providers.Alpacon.Hosts;

/// <summary>
/// Alpacon servers as Bastion hosts (kind <see cref="HostKind.Platform"/>, group <c>alpacon</c>, labels
/// <c>backend=alpacon</c>, <c>workspace</c>, <c>alpacon_id</c>, <c>os</c>, <c>os_version</c>, <c>connected</c>,
/// <c>region</c>), from <c>GET /api/servers/servers/</c> of every configured workspace. Their runner is Alpacon's
/// Command API (<see cref="Commands.AlpaconRunnerFactory"/>). A workspace that cannot be listed is skipped with a
/// warning while another answers; when none answers, the listing fails and the inventory keeps its last list.
/// </summary>
internal sealed partial class AlpaconHostSource(AlpaconClients clients, AlpaconSettings settings, ILogger<AlpaconHostSource> logger) : IHostSource
{
    public string Backend => AlpaconLabels.Backend;

    public bool IsConfigured => clients.Workspaces.IsConfigured;

    public async Task<IReadOnlyList<Host>> ListHostsAsync(CancellationToken cancellationToken)
    {
        var workspaces = clients.Workspaces.All();
        var listings = await Task.WhenAll(workspaces.Select(w => ListAsync(w, cancellationToken)));
        var failures = listings.Where(l => l.Error is not null).Select(l => l.Error!).ToList();
        if (failures.Count == workspaces.Count)
        {
            throw new BastionException(string.Join(" ", failures));
        }

        foreach (var failure in failures)
        {
            LogWorkspaceSkipped(logger, failure);
        }

        var servers = listings.SelectMany(l => l.Servers).ToList();
        var regions = workspaces.ToDictionary(w => w.Name, w => w.Region, StringComparer.Ordinal);
        return AlpaconHostNames.Assign(servers).Select(a => ToHost(a.Server, a.Name, regions.GetValueOrDefault(a.Server.Workspace))).ToList();
    }

    /// <summary>The Bastion host of <paramref name="server"/>.</summary>
    public static Host ToHost(AlpaconServer server, string name, string? region)
    {
        ArgumentNullException.ThrowIfNull(server);
        var labels = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            [AlpaconLabels.BackendKey] = AlpaconLabels.Backend,
            [AlpaconLabels.WorkspaceKey] = server.Workspace,
            [AlpaconLabels.ServerIdKey] = server.Id,
        };
        if (server.OsName is { Length: > 0 } os)
        {
            labels[AlpaconLabels.OsKey] = os.ToLowerInvariant().Replace(' ', '-');
        }

        if (server.OsVersion is { Length: > 0 } version)
        {
            labels[AlpaconLabels.OsVersionKey] = version;
        }

        if (server.Connected is { } connected)
        {
            labels[AlpaconLabels.ConnectedKey] = connected ? "true" : "false";
        }

        if (region is not null)
        {
            labels[AlpaconLabels.RegionKey] = region;
        }

        return new Host(name, HostKind.Platform, server.RemoteIp ?? server.Name, null, null, null, null, [AlpaconLabels.Group], labels);
    }

    private async Task<(IReadOnlyList<AlpaconServer> Servers, string? Error)> ListAsync(AlpaconWorkspace workspace, CancellationToken cancellationToken)
    {
        try
        {
            var list = await clients.For(workspace).ListAsync("api/servers/servers/", null, settings.Http.MaxItems, cancellationToken);
            return (list.Items.Select(s => AlpaconServer.From(workspace.Name, s)).OfType<AlpaconServer>().ToList(), null);
        }
        catch (BastionException e)
        {
            return ([], $"workspace '{workspace.Name}': {e.Message}");
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Alpacon hosts incomplete: {Reason}")]
    private static partial void LogWorkspaceSkipped(ILogger logger, string reason);
}
