using Bastion.Core;
using Bastion.Core.Inventory;
using Bastion.Providers.Alpacon.Api;

namespace Bastion.Providers.Alpacon.Hosts;

/// <summary>Turns a Bastion host (by name, or as an inventory entry) into the Alpacon server behind it.</summary>
internal sealed class AlpaconTargets(IInventory inventory, AlpaconClients clients)
{
    /// <summary>The Alpacon server behind the host named <paramref name="hostName"/>.</summary>
    /// <exception cref="BastionException">No such host, or it is not an Alpacon server.</exception>
    public AlpaconTarget Resolve(string hostName) => Resolve(inventory.Get(hostName));

    /// <summary>The Alpacon server behind <paramref name="host"/>.</summary>
    /// <exception cref="BastionException">The host does not carry Alpacon's labels.</exception>
    public AlpaconTarget Resolve(Host host)
    {
        ArgumentNullException.ThrowIfNull(host);
        if (host.Kind != HostKind.Platform
            || host.Labels.GetValueOrDefault(AlpaconLabels.BackendKey) != AlpaconLabels.Backend
            || host.Labels.GetValueOrDefault(AlpaconLabels.WorkspaceKey) is not { } workspace
            || host.Labels.GetValueOrDefault(AlpaconLabels.ServerIdKey) is not { } serverId)
        {
            throw new BastionException($"Host '{host.Name}' is not an Alpacon server (backend={host.Labels.GetValueOrDefault(AlpaconLabels.BackendKey, host.Kind.ToString().ToLowerInvariant())}). Alpacon tools take the hosts hosts_list shows with the label backend=alpacon.");
        }

        return new AlpaconTarget(host, clients.For(workspace), serverId);
    }

    /// <summary>The workspace's client when one is named or only one exists.</summary>
    public AlpaconClient Workspace(string? name) => clients.For(name);
}
