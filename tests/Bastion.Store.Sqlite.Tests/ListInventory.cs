using Bastion.Core.Inventory;

namespace Bastion.Store.Sqlite.Tests;

/// <summary>A fixed list of hosts, for readers and collectors that need no inventory file.</summary>
internal sealed class ListInventory(IReadOnlyList<Host> hosts) : IInventory
{
    public IReadOnlyList<Host> Hosts => hosts;

    public IReadOnlyList<string> Notes => [];

    public Host Get(string name) => hosts.FirstOrDefault(h => h.Name == name) ?? throw new UnknownHostException(name, hosts.Select(h => h.Name).ToList());

    public Task RefreshAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public void Invalidate()
    {
    }
}
