namespace Bastion.Core.History;

/// <summary>What a history store holds.</summary>
/// <param name="Location">Where it lives (a file path for SQLite).</param>
/// <param name="SizeBytes">Bytes on disk (database and write-ahead log).</param>
/// <param name="SampleInterval">The interval the last collector to write used; null when none ever wrote.</param>
/// <param name="Oldest">Oldest tick kept; null when empty.</param>
/// <param name="Newest">Newest tick; null when empty.</param>
/// <param name="RawKeptFrom">Raw samples are kept from this time on; older windows are answered from 5-minute rollups.</param>
public sealed record HistoryStoreInfo(string Location, long SizeBytes, TimeSpan? SampleInterval, DateTimeOffset? Oldest, DateTimeOffset? Newest, DateTimeOffset RawKeptFrom);
