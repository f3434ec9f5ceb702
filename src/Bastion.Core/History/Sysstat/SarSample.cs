namespace Bastion.Core.History.Sysstat;

/// <summary>One sysstat record (one <c>sadc</c> sample) turned into the collector's series.</summary>
/// <param name="Time">End of the sampled interval (sadf's timestamp), UTC.</param>
/// <param name="IntervalSeconds">Length of the interval the rates cover, seconds.</param>
/// <param name="Values">The figures, named and in the units of <see cref="HistoryMetrics"/>.</param>
public sealed record SarSample(DateTimeOffset Time, double IntervalSeconds, IReadOnlyList<MetricValue> Values);
