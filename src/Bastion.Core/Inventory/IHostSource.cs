namespace Bastion.Core.Inventory;

/// <summary>
/// A source of hosts other than the inventory file: a hosting platform whose servers or VMs become Bastion hosts,
/// labelled <c>backend=&lt;platform&gt;</c> plus what the platform knows (zone, state, project…).
/// </summary>
public interface IHostSource
{
    /// <summary>The platform's name, as the <c>backend</c> label carries it (e.g. <c>cloudstack</c>).</summary>
    string Backend { get; }

    /// <summary>True when the source has what it needs to answer (e.g. credentials in the vault); otherwise it is skipped quietly.</summary>
    bool IsConfigured { get; }

    /// <summary>
    /// True (the default) when a listing may be kept in the shared store (<see cref="ISharedHostLists"/>) for the other
    /// instances of the tenant; false for a source that reads the store itself or does work on this instance at each listing.
    /// </summary>
    bool ShareListing => true;

    /// <summary>The platform's hosts now.</summary>
    /// <exception cref="BastionException">The platform cannot be asked (unreachable, refused credentials); the message says why.</exception>
    Task<IReadOnlyList<Host>> ListHostsAsync(CancellationToken cancellationToken);
}
