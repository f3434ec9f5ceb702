namespace Bastion.Store.Sqlite;

/// <summary>Chunk rows of one key as a read streams them, oldest first, until <see cref="ToRun"/> makes them a
/// <see cref="CachedChunks"/>.</summary>
internal sealed class ChunkRows
{
    private readonly List<long> _starts = [];
    private readonly List<byte[]> _data = [];

    /// <summary>Adds the next row (its start no earlier than the last one's).</summary>
    public void Add(long start, byte[] data)
    {
        _starts.Add(start);
        _data.Add(data);
    }

    /// <summary>The rows, of <paramref name="table"/>, as the run of every row starting strictly between
    /// <paramref name="from"/> and <paramref name="to"/>.</summary>
    public CachedChunks ToRun(ChunkTable table, long from, long to) => new(table, from, to, [.. _starts], [.. _data]);
}
