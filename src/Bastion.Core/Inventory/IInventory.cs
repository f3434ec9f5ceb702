namespace Bastion.Core.Inventory;

/// <summary>The hosts Bastion knows: the inventory file's (with <c>local</c>, except for HTTP tenants), and those hosting platforms report.</summary>
public interface IInventory
{
    /// <summary>All hosts, in inventory order.</summary>
    IReadOnlyList<Host> Hosts { get; }

    /// <summary>The host named <paramref name="name"/>.</summary>
    /// <exception cref="UnknownHostException">No host has that name; the message lists the known ones.</exception>
    Host Get(string name);

    /// <summary>
    /// Brings hosts from outside sources (hosting platforms) up to date when their cached list is stale; a failing
    /// source keeps its last list and says why in <see cref="Notes"/>. Cheap when nothing is stale.
    /// </summary>
    Task RefreshAsync(CancellationToken cancellationToken);

    /// <summary>Marks every outside source stale, so the next <see cref="RefreshAsync"/> asks again (after a call that may have changed them).</summary>
    void Invalidate();

    /// <summary>What the caller should know about the list: sources that failed or were cut, one sentence each.</summary>
    IReadOnlyList<string> Notes { get; }
}
