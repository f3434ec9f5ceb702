namespace Bastion.Core.History;

/// <summary>How many rows a history store holds (counted, so slower than <see cref="IHistoryStore.InfoAsync"/>; for <c>bastion doctor</c>).</summary>
/// <param name="Hosts">Hosts ever recorded.</param>
/// <param name="Series">Series (one host's metric and instance).</param>
/// <param name="Samples">Raw samples (one value of one series at one tick).</param>
/// <param name="Rollups">5-minute rollups (min, avg, max of one series).</param>
/// <param name="Ticks">Ticks (one host sampled once, answered or not).</param>
public sealed record HistoryStoreRows(long Hosts, long Series, long Samples, long Rollups, long Ticks);
