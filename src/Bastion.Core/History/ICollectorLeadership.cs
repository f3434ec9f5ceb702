namespace Bastion.Core.History;

/// <summary>
/// Who of several servers sharing one store collects a tenant's history: only the holder of the lease ticks. Without
/// one registered, every collector leads its own data directory (<see cref="CollectorLock"/> alone).
/// </summary>
public interface ICollectorLeadership
{
    /// <summary>What the lease is held in, for the log (e.g. the store's address and the tenant); never a password.</summary>
    string Name { get; }

    /// <summary>Takes the lease without waiting: the lease when this server now leads, null when another does.</summary>
    /// <exception cref="BastionException">The place the lease lives cannot be reached.</exception>
    Task<ILeadershipLease?> TryAcquireAsync(CancellationToken cancellationToken);
}
