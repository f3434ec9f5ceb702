namespace Bastion.Store.Sqlite;

/// <summary>A chunk row a write transaction wrote (or deleted: <paramref name="Data"/> null), for <see cref="ChunkCache.Apply"/>.</summary>
/// <param name="Table">The row's table.</param>
/// <param name="Key">Its series id, or host id for ticks.</param>
/// <param name="Start">Its start, in the table's unit.</param>
/// <param name="Data">Its new encoded data; null when the row is gone.</param>
internal sealed record WrittenChunk(ChunkTable Table, long Key, long Start, byte[]? Data);
