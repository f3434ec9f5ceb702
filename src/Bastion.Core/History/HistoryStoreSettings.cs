namespace Bastion.Core.History;

/// <summary>What a reader needs to know of a history store before it asks for series: the part of
/// <see cref="HistoryStoreInfo"/> kept in a few settings, without the walk of every host's ticks that finds the oldest
/// and newest.</summary>
/// <param name="SampleInterval">The interval the last collector to write used; null when none ever wrote.</param>
/// <param name="RawKeptFrom">Raw samples are kept from this time on; older windows are answered from 5-minute rollups.</param>
public sealed record HistoryStoreSettings(TimeSpan? SampleInterval, DateTimeOffset RawKeptFrom);
