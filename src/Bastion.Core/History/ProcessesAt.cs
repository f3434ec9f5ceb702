using System.ComponentModel;

namespace Bastion.Core.History;

/// <summary>The top processes one tick recorded.</summary>
public sealed record ProcessesAt(
    [property: Description("The tick, UTC.")] DateTimeOffset Time,
    [property: Description("Top 5 by CPU since the tick before.")] IReadOnlyList<ProcessSample> TopByCpu,
    [property: Description("Top 5 by resident memory.")] IReadOnlyList<ProcessSample> TopByRss);
