namespace Bastion.Core.Secrets.Vault;

/// <summary>
/// A tenant's vault values kept in memory for synchronous readers (an adapter's settings and availability checks), when
/// they live in a shared store: refreshed asynchronously before each request the tenant's server handles, so those
/// readers find a current copy instead of waiting for the database on a thread-pool thread (64 concurrent requests
/// waiting so once held every thread the read itself needed).
/// </summary>
public interface IVaultSnapshot
{
    /// <summary>
    /// Makes the copy current: reads the store when the copy is older than its freshness, sharing the read with every
    /// caller meanwhile; at once when it is fresh or there is no store. Never throws for the store: a failed read is
    /// reported by the synchronous readers until a read succeeds (the next request tries again).
    /// </summary>
    /// <param name="cancellationToken">Stops waiting (the shared read goes on for the others).</param>
    Task RefreshAsync(CancellationToken cancellationToken);

    /// <summary>Forgets the copy, because values were written to the store behind it (a tenant's credential headers); the next request reads again.</summary>
    void Invalidate();
}
