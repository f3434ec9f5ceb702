using Bastion.Core.Configuration;
using Bastion.Core.Execution;
using Bastion.Core.Inventory;

namespace Bastion.Ssh;

/// <summary>Makes <see cref="SshRunner"/>s for the inventory's SSH hosts.</summary>
public sealed class SshRunnerFactory(SshOptions options, BastionPaths paths) : IRemoteRunnerFactory
{
    public HostKind Kind => HostKind.Ssh;

    public IHostRunner Create(Host host) => new SshRunner(host, options, paths);
}
