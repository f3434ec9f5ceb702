namespace Bastion.Store.Sqlite;

/// <summary>
/// The chunk rows of one key (a series, or a host's ticks) of one <see cref="ChunkTable"/> whose start lies strictly
/// between <see cref="From"/> and <see cref="To"/> (the table's unit: seconds, or ms for ticks), oldest first, as one
/// read found them: every such row, so a later read of a range inside it needs none from the file. The rows are also
/// kept decoded (<see cref="Times"/> with <see cref="Values"/> or <see cref="Rollups"/>), so a read walks arrays instead
/// of decoding the same rows on every call. Immutable once built.
/// </summary>
internal sealed class CachedChunks
{
    /// <summary>Bytes counted per row besides its data (its start, the array slots and the array's header).</summary>
    private const long RowOverhead = 48;

    /// <summary>The run of <paramref name="table"/>'s rows <paramref name="starts"/> (ascending) with their
    /// <paramref name="data"/>, read for the range (<paramref name="from"/>, <paramref name="to"/>).</summary>
    /// <exception cref="InvalidDataException">A row's data is not a whole chunk.</exception>
    public CachedChunks(ChunkTable table, long from, long to, long[] starts, byte[][] data)
        : this(table, from, to, starts, data, Decode(table, starts, data))
    {
    }

    private CachedChunks(ChunkTable table, long from, long to, long[] starts, byte[][] data, (long[] Times, long[] Values, RollupEntry[] Rollups) entries)
    {
        (Table, From, To, Starts, Data) = (table, from, to, starts, data);
        (Times, Values, Rollups) = entries;
        Bytes = 64 + data.Sum(d => d.Length + RowOverhead) + (Times.Length * 16L) + (Rollups.Length * 40L);
    }

    /// <summary>The table the rows come from.</summary>
    public ChunkTable Table { get; }

    /// <summary>The exclusive lower bound of the starts read.</summary>
    public long From { get; }

    /// <summary>The exclusive upper bound of the starts read (<see cref="long.MaxValue"/>: every later row).</summary>
    public long To { get; }

    /// <summary>Each row's start, ascending.</summary>
    public long[] Starts { get; }

    /// <summary>Each row's encoded data (<see cref="ChunkCodec"/>), in the order of <see cref="Starts"/>.</summary>
    public byte[][] Data { get; }

    /// <summary>Every entry's time (seconds, or ms for ticks; a rollup's bucket start), oldest first, the rows' entries
    /// in turn.</summary>
    public long[] Times { get; }

    /// <summary>Every entry's value (thousandths), or tick status, in the order of <see cref="Times"/>; empty for rollups.</summary>
    public long[] Values { get; }

    /// <summary>Every rollup, in the order of <see cref="Times"/>; empty for samples and ticks.</summary>
    public RollupEntry[] Rollups { get; }

    /// <summary>Roughly the memory the run holds, for the cache's budget.</summary>
    public long Bytes { get; }

    /// <summary>When the cache last handed it out (its own counter), for evicting the least recently used.</summary>
    public long Used { get; set; }

    /// <summary>This run with the row starting at <paramref name="start"/> (inside its range) replaced by
    /// <paramref name="data"/>, added in order when there was none, or left out when <paramref name="data"/> is null.
    /// Only that row is decoded: a row's entries lie between its start and the next row's, so the others' are copied.</summary>
    public CachedChunks With(long start, byte[]? data)
    {
        var at = Array.BinarySearch(Starts, start);
        var (starts, rows) = (Starts.ToList(), Data.ToList());
        var lo = FirstAtOrAfter(start);
        var hi = lo;
        if (at >= 0)
        {
            hi = at + 1 < Starts.Length ? FirstAtOrAfter(Starts[at + 1]) : Times.Length;
            if (data is null)
            {
                starts.RemoveAt(at);
                rows.RemoveAt(at);
            }
            else
            {
                rows[at] = data;
            }
        }
        else if (data is not null)
        {
            starts.Insert(~at, start);
            rows.Insert(~at, data);
        }

        var row = data is null ? ([], [], []) : Decode(Table, [start], [data]);
        return new CachedChunks(Table, From, To, [.. starts], [.. rows], (Splice(Times, lo, hi, row.Times), Splice(Values, lo, hi, row.Values), Splice(Rollups, lo, hi, row.Rollups)));
    }

    /// <summary>The indexes [Start, End) of <see cref="Times"/> from <paramref name="from"/> (inclusive) to
    /// <paramref name="to"/> (exclusive).</summary>
    public (int Start, int End) Slice(long from, long to) => (FirstAtOrAfter(from), FirstAtOrAfter(to));

    private int FirstAtOrAfter(long time)
    {
        var (lo, hi) = (0, Times.Length);
        while (lo < hi)
        {
            var mid = (lo + hi) >>> 1;
            (lo, hi) = Times[mid] < time ? (mid + 1, hi) : (lo, mid);
        }

        return lo;
    }

    /// <summary>The entries of the rows: times with values (samples, ticks) or rollups.</summary>
    private static (long[] Times, long[] Values, RollupEntry[] Rollups) Decode(ChunkTable table, long[] starts, byte[][] data)
    {
        if (table == ChunkTable.Rollups)
        {
            RollupEntry[] rollups = [.. starts.Zip(data).SelectMany(row => ChunkCodec.DecodeRollups(row.First, row.Second))];
            return ([.. rollups.Select(r => r.Ts)], [], rollups);
        }

        // About three bytes an entry encoded: the lists are sized once for the rows' entries.
        var expected = data.Sum(d => d.Length) / 3;
        var (times, values) = (new List<long>(expected), new List<long>(expected));
        for (var i = 0; i < starts.Length; i++)
        {
            var chunk = new ChunkCodec.SampleReader(starts[i], data[i]);
            while (chunk.Next(out var ts, out var v))
            {
                times.Add(ts);
                values.Add(v);
            }
        }

        return ([.. times], [.. values], []);
    }

    /// <summary><paramref name="all"/> with its items [<paramref name="lo"/>, <paramref name="hi"/>) replaced by
    /// <paramref name="row"/> (an empty array stays empty: rollups have no values, samples no rollups).</summary>
    private static T[] Splice<T>(T[] all, int lo, int hi, T[] row) =>
        all.Length == 0 && row.Length == 0 ? all : [.. all.AsSpan(0, Math.Min(lo, all.Length)), .. row, .. all.AsSpan(Math.Min(hi, all.Length))];

    /// <summary>Whether every row starting strictly between <paramref name="from"/> and <paramref name="to"/> is here.</summary>
    public bool Covers(long from, long to) => From <= from && to <= To;
}
