using Bastion.Core.Execution;
using Bastion.Core.Inventory;
using Bastion.Providers.Alpacon.Api;
using Bastion.Providers.Alpacon.Hosts;

namespace Bastion.Providers.Alpacon.Commands;

/// <summary>Runners for hosts labelled <c>backend=alpacon</c>: commands go through Alpacon's Command API.</summary>
internal sealed class AlpaconRunnerFactory(AlpaconClients clients, AlpaconSettings settings, TimeProvider clock) : IRemoteRunnerFactory
{
    public HostKind Kind => HostKind.Platform;

    public string? Backend => AlpaconLabels.Backend;

    public IHostRunner Create(Host host)
    {
        ArgumentNullException.ThrowIfNull(host);
        var workspace = host.Labels.GetValueOrDefault(AlpaconLabels.WorkspaceKey);
        var serverId = host.Labels.GetValueOrDefault(AlpaconLabels.ServerIdKey);
        if (workspace is null || serverId is null)
        {
            throw new Core.BastionException($"Host '{host.Name}' is labelled backend=alpacon but lacks its workspace or alpacon_id label; it cannot be reached through Alpacon.");
        }

        return new AlpaconRunner(host, workspace, serverId, clients, settings.Options, clock);
    }
}
