namespace Bastion.Store.Sqlite;

/// <summary>The chunk table a <see cref="CachedChunks"/> run was read from.</summary>
internal enum ChunkTable
{
    /// <summary><c>sample_chunks</c>: an hour of one series' raw samples per row, keyed by series id.</summary>
    Samples,

    /// <summary><c>rollup_chunks</c>: a UTC day of one series' 5-minute rollups per row, keyed by series id.</summary>
    Rollups,

    /// <summary><c>tick_chunks</c>: an hour of one host's ticks per row, keyed by host id.</summary>
    Ticks,
}
