namespace Bastion.Core.History;

/// <summary>Something the collector tells about each tick once it is stored (alert evaluation). A failing observer is
/// logged and does not fail the tick.</summary>
public interface ITickObserver
{
    /// <summary>Called after <paramref name="ticks"/> (one per host) were written to the store.</summary>
    Task ObserveAsync(IReadOnlyList<HostTick> ticks, CancellationToken cancellationToken);
}
