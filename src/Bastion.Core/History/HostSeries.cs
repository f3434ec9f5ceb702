namespace Bastion.Core.History;

/// <summary>One series of one host among many (a ranking reads the same series of every host at once).</summary>
/// <param name="Host">Inventory name.</param>
/// <param name="Points">Points in time order.</param>
public sealed record HostSeries(string Host, IReadOnlyList<StoredPoint> Points);
