namespace Bastion.Core.History;

/// <summary>What one tick recorded for one host.</summary>
/// <param name="Host">Inventory name.</param>
/// <param name="Time">When the host's answer arrived (UTC).</param>
/// <param name="Status">Whether the host answered.</param>
/// <param name="Error">Why it did not (for statuses other than <see cref="TickStatus.Ok"/>).</param>
/// <param name="Values">The figures; empty unless the status is ok.</param>
/// <param name="TopByCpu">The top 5 processes by CPU since the previous tick (empty on a host's first tick).</param>
/// <param name="TopByRss">The top 5 processes by resident memory.</param>
public sealed record HostTick(
    string Host,
    DateTimeOffset Time,
    TickStatus Status,
    string? Error,
    IReadOnlyList<MetricValue> Values,
    IReadOnlyList<ProcessSample> TopByCpu,
    IReadOnlyList<ProcessSample> TopByRss)
{
    /// <summary>A tick in which the host gave no figures.</summary>
    public static HostTick Missed(string host, DateTimeOffset time, TickStatus status, string error) =>
        new(host, time, status, error, [], [], []);
}
