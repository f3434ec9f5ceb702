namespace Bastion.Store.Sqlite;

/// <summary>
/// The chunk rows of one key (a series, or a host's ticks) of one <see cref="ChunkTable"/> whose start lies strictly
/// between <see cref="From"/> and <see cref="To"/> (the table's unit: seconds, or ms for ticks), oldest first, as one
/// read found them: every such row, so a later read of a range inside it needs none from the file. Immutable once built.
/// </summary>
internal sealed class CachedChunks
{
    /// <summary>Bytes counted per row besides its data (its start, the array slots and the array's header).</summary>
    private const long RowOverhead = 48;

    public CachedChunks(long from, long to, long[] starts, byte[][] data)
    {
        (From, To, Starts, Data) = (from, to, starts, data);
        Bytes = 64 + data.Sum(d => d.Length + RowOverhead);
    }

    /// <summary>The exclusive lower bound of the starts read.</summary>
    public long From { get; }

    /// <summary>The exclusive upper bound of the starts read (<see cref="long.MaxValue"/>: every later row).</summary>
    public long To { get; }

    /// <summary>Each row's start, ascending.</summary>
    public long[] Starts { get; }

    /// <summary>Each row's encoded data (<see cref="ChunkCodec"/>), in the order of <see cref="Starts"/>.</summary>
    public byte[][] Data { get; }

    /// <summary>Roughly the memory the run holds, for the cache's budget.</summary>
    public long Bytes { get; }

    /// <summary>When the cache last handed it out (its own counter), for evicting the least recently used.</summary>
    public long Used { get; set; }

    /// <summary>The rows starting strictly between <paramref name="from"/> and <paramref name="to"/>, oldest first.</summary>
    public IEnumerable<(long Start, byte[] Data)> Between(long from, long to)
    {
        var at = Array.BinarySearch(Starts, from);
        for (at = at < 0 ? ~at : at + 1; at < Starts.Length && Starts[at] < to; at++)
        {
            yield return (Starts[at], Data[at]);
        }
    }

    /// <summary>This run with the row starting at <paramref name="start"/> (inside its range) replaced by
    /// <paramref name="data"/>, added in order when there was none, or left out when <paramref name="data"/> is null.</summary>
    public CachedChunks With(long start, byte[]? data)
    {
        var at = Array.BinarySearch(Starts, start);
        var (starts, rows) = (Starts.ToList(), Data.ToList());
        if (at >= 0 && data is null)
        {
            starts.RemoveAt(at);
            rows.RemoveAt(at);
        }
        else if (at >= 0)
        {
            rows[at] = data!;
        }
        else if (data is not null)
        {
            starts.Insert(~at, start);
            rows.Insert(~at, data);
        }

        return new CachedChunks(From, To, [.. starts], [.. rows]);
    }

    /// <summary>Whether every row starting strictly between <paramref name="from"/> and <paramref name="to"/> is here.</summary>
    public bool Covers(long from, long to) => From <= from && to <= To;
}
