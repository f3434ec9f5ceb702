namespace Bastion.Core.Inventory;

/// <summary>
/// Platform host lists shared by the instances of one tenant on one store, so that they list the same hosts and one
/// listing serves them all: whoever finds a list stale takes a lock the other instances wait on, and reads the list
/// another instance just stored, or lists the platform and stores the result.
/// </summary>
public interface ISharedHostLists
{
    /// <summary>
    /// Under the lock of <paramref name="backend"/>: the stored listing when it is younger than <paramref name="maxAge"/>
    /// and <paramref name="force"/> is false; else the result of <paramref name="list"/> (given the stored hosts of the
    /// last listing, or null when there is none), stored for the other instances.
    /// </summary>
    /// <exception cref="BastionException">The store cannot be used; <paramref name="list"/> has then not been stored.</exception>
    Task<HostListing> GetOrListAsync(string backend, TimeSpan maxAge, bool force, Func<IReadOnlyList<Host>?, CancellationToken, Task<HostListing>> list, CancellationToken cancellationToken);
}
