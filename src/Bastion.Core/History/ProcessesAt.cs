namespace Bastion.Core.History;

/// <summary>The top processes one tick recorded.</summary>
/// <param name="Time">The tick (UTC).</param>
/// <param name="TopByCpu">Top 5 by CPU since the tick before.</param>
/// <param name="TopByRss">Top 5 by resident memory.</param>
public sealed record ProcessesAt(DateTimeOffset Time, IReadOnlyList<ProcessSample> TopByCpu, IReadOnlyList<ProcessSample> TopByRss);
