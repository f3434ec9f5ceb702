namespace Bastion.Core.History;

/// <summary>One point of a stored series: the samples of one step, averaged (min and max kept). A value (48 bytes), not
/// an object: a ranking of 200 hosts over an hour reads 12,000 of them, kept in one array per series.</summary>
/// <param name="Time">Start of the step (UTC).</param>
/// <param name="Avg">Mean of the samples in the step.</param>
/// <param name="Min">Least sample in the step.</param>
/// <param name="Max">Greatest sample in the step.</param>
/// <param name="Rollup">True when any of the point comes from 5-minute rollups (raw samples were pruned, or the step is whole rollup buckets and the rollups were read instead).</param>
public readonly record struct StoredPoint(DateTimeOffset Time, double Avg, double Min, double Max, bool Rollup);
