namespace Bastion.Store.Sqlite;

/// <summary>
/// The chunk rows and settings reads of the history store found, kept for the next reads while the file has not changed:
/// what Prometheus gets from keeping its recent blocks in memory, without a second copy of the data's logic. Everything
/// is tied to the database's <c>PRAGMA data_version</c> (<see cref="SqliteDatabase.DataVersionAsync"/>), which moves
/// whenever any connection of any process commits (the collector's ticks, maintenance, another Bastion's writes): a read
/// first calls <see cref="Begin"/> with the version it sees, which drops everything read at an older one, and the rows it
/// then reads from the file are kept only if no newer version was seen meanwhile. Rows read at the version a read
/// began with are at least as new as that version, so nothing older than the file is ever answered; a commit during a
/// read is seen by the next one. Bounded: past <paramref name="budget"/> bytes the least recently used runs are dropped
/// (to three quarters of it); a run larger than the budget is not kept at all. Thread-safe.
/// </summary>
/// <param name="budget">The most bytes of chunk data (and per-row overhead) kept.</param>
internal sealed class ChunkCache(long budget)
{
    private readonly Lock _gate = new();
    private readonly Dictionary<(ChunkTable Table, long Key), CachedChunks> _runs = [];
    private readonly Dictionary<string, long?> _meta = new(StringComparer.Ordinal);
    private long _version = long.MinValue;
    private long _bytes;
    private long _uses;

    /// <summary>Bytes held now.</summary>
    public long Bytes
    {
        get
        {
            lock (_gate)
            {
                return _bytes;
            }
        }
    }

    /// <summary>Starts a read that saw <paramref name="version"/> (the file's <c>data_version</c>, which only grows):
    /// everything kept from an older version is dropped.</summary>
    /// <returns>The read's token for <see cref="Find"/> and <see cref="Keep"/>.</returns>
    public long Begin(long version)
    {
        lock (_gate)
        {
            if (version > _version)
            {
                _runs.Clear();
                _meta.Clear();
                (_bytes, _version) = (0, version);
            }
        }

        return version;
    }

    /// <summary>The run of <paramref name="key"/> in <paramref name="table"/> kept at the read's version when it holds every
    /// row starting strictly between <paramref name="from"/> and <paramref name="to"/>; null otherwise.</summary>
    public CachedChunks? Find(long version, ChunkTable table, long key, long from, long to)
    {
        lock (_gate)
        {
            if (version != _version || !_runs.TryGetValue((table, key), out var run) || !run.Covers(from, to))
            {
                return null;
            }

            run.Used = ++_uses;
            return run;
        }
    }

    /// <summary>Keeps what a read that began at <paramref name="version"/> found, in place of an earlier run of the same
    /// key, unless a newer version was seen since.</summary>
    public void Keep(long version, ChunkTable table, long key, CachedChunks run)
    {
        lock (_gate)
        {
            if (version != _version || run.Bytes > budget)
            {
                return;
            }

            if (_runs.Remove((table, key), out var old))
            {
                _bytes -= old.Bytes;
            }

            run.Used = ++_uses;
            _runs[(table, key)] = run;
            _bytes += run.Bytes;
            if (_bytes > budget)
            {
                foreach (var (k, r) in _runs.OrderBy(r => r.Value.Used).ToList())
                {
                    if (_bytes <= budget / 4 * 3)
                    {
                        break;
                    }

                    _runs.Remove(k);
                    _bytes -= r.Bytes;
                }
            }
        }
    }

    /// <summary>The values of the settings <paramref name="keys"/> kept at the read's version, when every one was read.</summary>
    public long?[]? FindMeta(long version, string[] keys)
    {
        lock (_gate)
        {
            if (version != _version)
            {
                return null;
            }

            var values = new long?[keys.Length];
            for (var i = 0; i < keys.Length; i++)
            {
                if (!_meta.TryGetValue(keys[i], out values[i]))
                {
                    return null;
                }
            }

            return values;
        }
    }

    /// <summary>Keeps settings a read that began at <paramref name="version"/> found (null: the key is not set).</summary>
    public void KeepMeta(long version, string[] keys, long?[] values)
    {
        lock (_gate)
        {
            if (version != _version)
            {
                return;
            }

            for (var i = 0; i < keys.Length; i++)
            {
                _meta[keys[i]] = values[i];
            }
        }
    }
}
