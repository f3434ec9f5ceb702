using System.Collections.Concurrent;

namespace Bastion.Providers.Alpacon.Api;

/// <summary>
/// One <see cref="AlpaconClient"/> per configured workspace, each with its own <see cref="PlatformHttp"/> (so one
/// failing workspace opens only its own circuit breaker). A workspace whose URL or token changed in the vault gets a
/// new client.
/// </summary>
internal sealed class AlpaconClients(AlpaconWorkspaces workspaces, AlpaconSettings settings, TimeProvider clock) : IDisposable
{
    private readonly ConcurrentDictionary<string, (AlpaconWorkspace Workspace, PlatformHttp Http, AlpaconClient Client)> _clients = new(StringComparer.Ordinal);
    private readonly ConcurrentBag<PlatformHttp> _retired = [];

    /// <summary>The configured workspaces.</summary>
    public AlpaconWorkspaces Workspaces => workspaces;

    /// <summary>The client of workspace <paramref name="name"/> (null: the only one configured).</summary>
    /// <exception cref="Core.BastionException">No such workspace, or several and none named.</exception>
    public AlpaconClient For(string? name) => For(workspaces.Resolve(name));

    /// <summary>The client of <paramref name="workspace"/>.</summary>
    public AlpaconClient For(AlpaconWorkspace workspace)
    {
        ArgumentNullException.ThrowIfNull(workspace);
        var entry = _clients.AddOrUpdate(
            workspace.Name,
            _ => Create(workspace),
            (_, known) =>
            {
                if (known.Workspace == workspace)
                {
                    return known;
                }

                _retired.Add(known.Http);
                return Create(workspace);
            });
        return entry.Client;
    }

    private (AlpaconWorkspace, PlatformHttp, AlpaconClient) Create(AlpaconWorkspace workspace)
    {
        var http = new PlatformHttp(AlpaconErrors.Platform, settings.Http, clock, settings.Handler?.Invoke());
        return (workspace, http, new AlpaconClient(workspace, http));
    }

    public void Dispose()
    {
        foreach (var (_, http, _) in _clients.Values)
        {
            http.Dispose();
        }

        foreach (var http in _retired)
        {
            http.Dispose();
        }
    }
}
