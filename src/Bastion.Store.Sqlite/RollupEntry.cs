namespace Bastion.Store.Sqlite;

/// <summary>One 5-minute rollup of a series: bucket start (Unix seconds), min, rounded average and max in thousandths, and the sample count.</summary>
internal readonly record struct RollupEntry(long Ts, long Min, long Avg, long Max, long Count);
