using Bastion.Core.Execution;

namespace Bastion.Core.Inventory;

/// <summary>Inventory plus runners: turns a host name from a caller into the runner that reaches it.</summary>
public sealed class Fleet(IInventory inventory, IRunnerProvider runners)
{
    /// <summary>The inventory behind this fleet.</summary>
    public IInventory Inventory { get; } = inventory;

    /// <summary>The runner for the host named <paramref name="hostName"/>.</summary>
    /// <exception cref="UnknownHostException">No such host.</exception>
    public IHostRunner RunnerFor(string hostName) => runners.For(Inventory.Get(hostName));
}
