using Bastion.Core.Inventory;

namespace Bastion.Bench.StoreBench;

/// <summary>The synthetic store's hosts, as the reader's inventory.</summary>
internal sealed class BenchInventory(IReadOnlyList<Host> hosts) : IInventory
{
    public IReadOnlyList<Host> Hosts => hosts;

    public IReadOnlyList<string> Notes => [];

    public Host Get(string name) => hosts.First(h => h.Name == name);

    public Task RefreshAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public void Invalidate()
    {
    }
}
