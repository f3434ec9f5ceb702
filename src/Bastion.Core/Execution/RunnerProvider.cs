using Bastion.Core.Inventory;

namespace Bastion.Core.Execution;

/// <summary>Runners by host kind: the local runner for the local host.</summary>
public sealed class RunnerProvider : IRunnerProvider
{
    private readonly LocalRunner _local = new();

    public IHostRunner For(Host host)
    {
        ArgumentNullException.ThrowIfNull(host);
        return host.Kind switch
        {
            HostKind.Local => _local,
            _ => throw new BastionException($"Host '{host.Name}' is of kind {host.Kind}, which this Bastion cannot reach."),
        };
    }
}
