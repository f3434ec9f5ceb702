namespace Bastion.Store.Sqlite;

/// <summary>
/// The chunk rows and settings reads of the history store found, and the hosts and series they found missing, kept for
/// the next reads while they are still what the file holds: what Prometheus gets from keeping its recent blocks in
/// memory, without a second copy of the data's logic.
/// <para>
/// Two things move the contents on. Commits by any other connection (another process's writes, maintenance, settings)
/// move the file's <c>PRAGMA data_version</c> as the store's own connection sees it
/// (<see cref="SqliteDatabase.DataVersionAsync"/>): a read first calls <see cref="Begin"/> with the version it sees,
/// which drops everything when it has grown. The collector's ticks, committed on that own connection, leave the version
/// as it was; the writer hands the rows it wrote to <see cref="Apply"/>, which puts them in place of the rows kept (a
/// tick changes one hour's row per series; the rest stays). Each of these, and <see cref="Begin"/> dropping everything,
/// starts a new generation: a read's token is the generation it began in, and what it read from the file is kept only
/// if none has begun since (it may predate the change). So a read answers from rows at least as new as the file was
/// when it began, and a change is seen by every read that begins after it.
/// </para>
/// Bounded: past <paramref name="budget"/> bytes the least recently used runs are dropped (to three quarters of it); a
/// run larger than the budget is not kept at all; and what every cache of the process keeps together stays within
/// <paramref name="shared"/> (a run that does not fit is not kept, a patched run that no longer fits is dropped).
/// Thread-safe.
/// </summary>
/// <param name="budget">The most bytes of chunk data (and per-row overhead) this cache keeps.</param>
/// <param name="shared">The bytes all caches of the process share.</param>
internal sealed class ChunkCache(long budget, MemoryBudget shared)
{
    /// <summary>The token of a read that must not use the cache (the own connection was busy, or the read saw an older
    /// version than another read already had).</summary>
    public const long NoToken = -1;

    private readonly Lock _gate = new();
    private readonly Dictionary<(ChunkTable Table, long Key), CachedChunks> _runs = [];
    private readonly Dictionary<string, long?> _meta = new(StringComparer.Ordinal);
    private readonly HashSet<string> _absentHosts = new(StringComparer.Ordinal);
    private readonly HashSet<(long Host, string Metric, string Instance)> _absentSeries = [];
    private long _version = long.MinValue;
    private long _generation;
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

    /// <summary>Starts a read that saw <paramref name="version"/> (the file's <c>data_version</c>, which only grows;
    /// null: not known): everything kept from an older version is dropped.</summary>
    /// <returns>The read's token for <see cref="Find"/> and <see cref="Keep"/>; <see cref="NoToken"/> when the version
    /// is not known or older than one another read saw.</returns>
    public long Begin(long? version)
    {
        lock (_gate)
        {
            if (version is not { } v || v < _version)
            {
                return NoToken;
            }

            if (v > _version)
            {
                DropAll();
                _version = v;
            }

            return _generation;
        }
    }

    /// <summary>The run of <paramref name="key"/> in <paramref name="table"/> when it is current for the read
    /// <paramref name="token"/> and holds every row starting strictly between <paramref name="from"/> and
    /// <paramref name="to"/>; null otherwise.</summary>
    public CachedChunks? Find(long token, ChunkTable table, long key, long from, long to)
    {
        lock (_gate)
        {
            if (token != _generation || !_runs.TryGetValue((table, key), out var run) || !run.Covers(from, to))
            {
                return null;
            }

            run.Used = ++_uses;
            return run;
        }
    }

    /// <summary>Keeps what the read <paramref name="token"/> found, in place of an earlier run of the same key, unless
    /// the contents have changed since it began.</summary>
    public void Keep(long token, ChunkTable table, long key, CachedChunks run)
    {
        lock (_gate)
        {
            if (token == _generation && run.Bytes <= budget)
            {
                Put((table, key), run);
            }
        }
    }

    /// <summary>The values of the settings <paramref name="keys"/> current for the read <paramref name="token"/>, when
    /// every one was read.</summary>
    public long?[]? FindMeta(long token, string[] keys)
    {
        lock (_gate)
        {
            if (token != _generation)
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

    /// <summary>Keeps settings the read <paramref name="token"/> found (null: the key is not set).</summary>
    public void KeepMeta(long token, string[] keys, long?[] values)
    {
        lock (_gate)
        {
            if (token != _generation)
            {
                return;
            }

            for (var i = 0; i < keys.Length; i++)
            {
                _meta[keys[i]] = values[i];
            }
        }
    }

    /// <summary>True when a read begun in the generation of <paramref name="token"/> found no host named
    /// <paramref name="name"/> in the file: no host row can have been added since, as adding one starts a generation.</summary>
    public bool HostAbsent(long token, string name) => Absent(_absentHosts, token, name);

    /// <summary>Keeps that the read <paramref name="token"/> found no host row for <paramref name="names"/>.</summary>
    public void KeepAbsentHosts(long token, IEnumerable<string> names) => KeepAbsent(_absentHosts, token, names);

    /// <summary>True when a read begun in the generation of <paramref name="token"/> found no series of
    /// <paramref name="series"/>' metric and instance for its host id.</summary>
    public bool SeriesAbsent(long token, (long Host, string Metric, string Instance) series) => Absent(_absentSeries, token, series);

    /// <summary>Keeps that the read <paramref name="token"/> found none of the series <paramref name="series"/>.</summary>
    public void KeepAbsentSeries(long token, IEnumerable<(long Host, string Metric, string Instance)> series) => KeepAbsent(_absentSeries, token, series);

    /// <summary>Whether <paramref name="absent"/> holds <paramref name="item"/> for a read of the current generation.</summary>
    private bool Absent<T>(HashSet<T> absent, long token, T item)
    {
        lock (_gate)
        {
            return token == _generation && absent.Contains(item);
        }
    }

    /// <summary>Adds <paramref name="items"/> to <paramref name="absent"/> when the read <paramref name="token"/> is of the
    /// current generation (an older read may have missed what a newer write added).</summary>
    private void KeepAbsent<T>(HashSet<T> absent, long token, IEnumerable<T> items)
    {
        lock (_gate)
        {
            if (token == _generation)
            {
                absent.UnionWith(items);
            }
        }
    }

    /// <summary>
    /// Brings the runs kept up to date with rows the store's own connection has just committed, in the order written
    /// (the last write of a row wins; null data: the row was deleted): a row inside a run's range replaces the one with
    /// its start, or joins the run in order. Starts a new generation.
    /// </summary>
    public void Apply(IReadOnlyList<WrittenChunk> written)
    {
        ArgumentNullException.ThrowIfNull(written);
        lock (_gate)
        {
            NextGeneration();
            foreach (var w in written)
            {
                if (_runs.TryGetValue((w.Table, w.Key), out var run) && run.From < w.Start && w.Start < run.To)
                {
                    var patched = run.With(w.Start, w.Data);
                    patched.Used = run.Used;
                    Remove((w.Table, w.Key));
                    if (shared.TryTake(patched.Bytes))
                    {
                        _runs[(w.Table, w.Key)] = patched;
                        _bytes += patched.Bytes;
                    }
                }
            }

            Trim();
        }
    }

    /// <summary>Drops everything and starts a new generation (after a write of unknown outcome).</summary>
    public void Clear()
    {
        lock (_gate)
        {
            DropAll();
        }
    }

    private void Put((ChunkTable, long) key, CachedChunks run)
    {
        Remove(key);
        if (!shared.TryTake(run.Bytes))
        {
            return;
        }

        run.Used = ++_uses;
        _runs[key] = run;
        _bytes += run.Bytes;
        Trim();
    }

    /// <summary>Drops the run of <paramref name="key"/>, if any, giving its bytes back.</summary>
    private void Remove((ChunkTable, long) key)
    {
        if (_runs.Remove(key, out var old))
        {
            _bytes -= old.Bytes;
            shared.Give(old.Bytes);
        }
    }

    /// <summary>Past the budget, drops the least recently used runs down to three quarters of it.</summary>
    private void Trim()
    {
        if (_bytes <= budget)
        {
            return;
        }

        foreach (var (key, _) in _runs.OrderBy(r => r.Value.Used).ToList())
        {
            if (_bytes <= budget / 4 * 3)
            {
                break;
            }

            Remove(key);
        }
    }

    private void DropAll()
    {
        shared.Give(_bytes);
        _runs.Clear();
        _meta.Clear();
        _bytes = 0;
        NextGeneration();
    }

    /// <summary>Starts a generation: reads begun before it keep nothing from now on, and what they found missing may
    /// be there now.</summary>
    private void NextGeneration()
    {
        _generation++;
        _absentHosts.Clear();
        _absentSeries.Clear();
    }
}
