namespace Bastion.Core.History;

/// <summary>Leadership held until disposed, or until <see cref="Lost"/> fires (the connection that held it is gone).</summary>
public interface ILeadershipLease : IAsyncDisposable
{
    /// <summary>Cancelled when leadership is lost; the holder stops at once.</summary>
    CancellationToken Lost { get; }
}
