namespace Bastion.Core.History;

/// <summary>
/// Reduces one series' points (oldest first, as <see cref="IHistoryStore.SeriesOfHostsAsync"/> gives them; never empty)
/// to one figure, e.g. a ranking's aggregate and trend (<see cref="IHistoryStore.ReduceSeriesOfHostsAsync"/>). The span
/// may be the store's own buffer, reused for the next series: it is valid only during the call and must not be kept.
/// </summary>
/// <typeparam name="T">The figure.</typeparam>
/// <param name="points">The series' points.</param>
/// <returns>The figure of the points.</returns>
public delegate T SeriesReducer<out T>(ReadOnlySpan<StoredPoint> points);
