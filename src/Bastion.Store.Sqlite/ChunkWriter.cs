using Microsoft.Data.Sqlite;

namespace Bastion.Store.Sqlite;

/// <summary>
/// Writes samples, ticks and rollups into their chunks inside one open write transaction: the chunk's row is read, the
/// entry appended (or, for a time at or before the chunk's last, merged in place: a later value for the same time
/// replaces the earlier one, as the row-per-entry tables' <c>INSERT OR REPLACE</c> did) and the row written back whole.
/// Samples and ticks share one chunk shape (key, t0, n, t_last, v_last, data) and <see cref="ChunkCodec"/>'s sample
/// format: a sample is (second, value in thousandths) in its series' hour; a tick is (millisecond, <see cref="Core.History.TickStatus"/>)
/// in its host's hour.
/// </summary>
internal sealed class ChunkWriter : IAsyncDisposable
{
    /// <summary>Seconds of raw samples per chunk: an hour (60 samples at the default interval).</summary>
    public const long SampleSpan = 3600;

    /// <summary>Seconds of 5-minute rollups per chunk: a day (288 buckets).</summary>
    public const long RollupSpan = 86400;

    /// <summary>Milliseconds of ticks per chunk (ticks are timed in Unix ms): an hour (60 ticks at the default interval).</summary>
    public const long TickSpan = 3_600_000;

    private static readonly Table Samples = new(ChunkTable.Samples, "sample_chunks", "sid", "series", SampleSpan);
    private static readonly Table Ticks = new(ChunkTable.Ticks, "tick_chunks", "host", "hosts", TickSpan);

    private readonly SqliteConnection _db;
    private readonly SqliteTransaction _tx;
    private readonly Dictionary<Table, (SqliteCommand Read, SqliteCommand Write)> _entries = [];
    private readonly SqliteCommand _readRollup;
    private readonly SqliteCommand _writeRollup;

    private readonly List<WrittenChunk> _written = [];

    public ChunkWriter(SqliteConnection db, SqliteTransaction tx)
    {
        (_db, _tx) = (db, tx);
        _readRollup = Prepare(db, tx, "SELECT data FROM rollup_chunks WHERE sid = $k AND t0 = $t", "$k", "$t");
        _writeRollup = Prepare(db, tx, "INSERT OR REPLACE INTO rollup_chunks (sid, t0, n, data) VALUES ($k, $t, $n, $d)", "$k", "$t", "$n", "$d");
    }

    /// <summary>The rows written or deleted so far, one by one (not those the prunes delete or cut), for the cache once
    /// the transaction has committed.</summary>
    public IReadOnlyList<WrittenChunk> Written => _written;

    /// <summary>The start of the chunk of <paramref name="span"/> (in the unit of <paramref name="ts"/>) that holds <paramref name="ts"/>.</summary>
    public static long ChunkStart(long ts, long span) => Math.DivRem(ts, span) is var (q, r) && r < 0 ? (q - 1) * span : q * span;

    /// <summary>Adds one sample (Unix seconds, thousandths) to its series' hour.</summary>
    public Task AddSampleAsync(long sid, long ts, long v, CancellationToken cancellationToken) => AddAsync(Samples, sid, ts, v, cancellationToken);

    /// <summary>Adds one tick (Unix ms, status) to its host's hour.</summary>
    /// <returns>False when the host's hour already held that millisecond (the tick replaced it).</returns>
    public Task<bool> AddTickAsync(long host, long ts, Core.History.TickStatus status, CancellationToken cancellationToken) => AddAsync(Ticks, host, ts, (long)status, cancellationToken);

    /// <summary>Writes a chunk of samples whole (time-ordered, all within the hour starting at <paramref name="t0"/>), replacing what the row held.</summary>
    public Task PutSamplesAsync(long sid, long t0, IReadOnlyList<(long Ts, long V)> samples, CancellationToken cancellationToken) => PutAsync(Samples, sid, t0, samples, cancellationToken);

    /// <summary>Writes a chunk of ticks whole ((Unix ms, status), time-ordered, within the hour starting at <paramref name="t0"/> ms), replacing what the row held.</summary>
    public Task PutTicksAsync(long host, long t0, IReadOnlyList<(long Ts, long Status)> ticks, CancellationToken cancellationToken) => PutAsync(Ticks, host, t0, ticks, cancellationToken);

    /// <summary>Adds an entry to the chunk of <paramref name="key"/> holding <paramref name="ts"/>; false when it replaced one at the same time.</summary>
    private async Task<bool> AddAsync(Table table, long key, long ts, long v, CancellationToken cancellationToken)
    {
        var (read, _) = Commands(table);
        var t0 = ChunkStart(ts, table.Span);
        read.Parameters[0].Value = key;
        read.Parameters[1].Value = t0;
        long n;
        long last;
        long lastV;
        byte[] data;
        await using (var reader = await read.ExecuteReaderAsync(cancellationToken))
        {
            if (!await reader.ReadAsync(cancellationToken))
            {
                await PutAsync(table, key, t0, [(ts, v)], cancellationToken);
                return true;
            }

            (n, last, lastV, data) = (reader.GetInt64(0), reader.GetInt64(1), reader.GetInt64(2), reader.GetFieldValue<byte[]>(3));
        }

        if (ts > last)
        {
            var buffer = new List<byte>(data.Length + 4);
            buffer.AddRange(data);
            ChunkCodec.AppendSample(buffer, last, lastV, ts, v);
            await WriteRowAsync(table, key, t0, n + 1, ts, v, [.. buffer], cancellationToken);
            return true;
        }

        var entries = ChunkCodec.DecodeSamples(t0, data);
        var at = entries.FindIndex(s => s.Ts >= ts);
        var replaced = entries[at].Ts == ts;
        if (replaced)
        {
            entries[at] = (ts, v);
        }
        else
        {
            entries.Insert(at, (ts, v));
        }

        await PutAsync(table, key, t0, entries, cancellationToken);
        return !replaced;
    }

    private Task PutAsync(Table table, long key, long t0, IReadOnlyList<(long Ts, long V)> entries, CancellationToken cancellationToken) =>
        entries.Count == 0 ? DeleteAsync(table.Kind, table.Name, table.Key, key, t0, cancellationToken)
            : WriteRowAsync(table, key, t0, entries.Count, entries[^1].Ts, entries[^1].V, ChunkCodec.EncodeSamples(t0, entries), cancellationToken);

    /// <summary>Merges rollups (time-ordered) into their days' chunks; a bucket already there is replaced.</summary>
    public async Task MergeRollupsAsync(long sid, IReadOnlyList<RollupEntry> rollups, CancellationToken cancellationToken)
    {
        foreach (var day in rollups.GroupBy(r => ChunkStart(r.Ts, RollupSpan)))
        {
            _readRollup.Parameters[0].Value = sid;
            _readRollup.Parameters[1].Value = day.Key;
            var existing = await _readRollup.ExecuteScalarAsync(cancellationToken) is byte[] data ? ChunkCodec.DecodeRollups(day.Key, data) : [];
            var merged = new SortedDictionary<long, RollupEntry>();
            foreach (var r in existing.Concat(day))
            {
                merged[r.Ts] = r;
            }

            await PutRollupsAsync(sid, day.Key, [.. merged.Values], cancellationToken);
        }
    }

    /// <summary>Writes a day's rollups whole (time-ordered, within the day starting at <paramref name="t0"/>), replacing what the row held.</summary>
    public async Task PutRollupsAsync(long sid, long t0, IReadOnlyList<RollupEntry> rollups, CancellationToken cancellationToken)
    {
        if (rollups.Count == 0)
        {
            await DeleteAsync(ChunkTable.Rollups, "rollup_chunks", "sid", sid, t0, cancellationToken);
            return;
        }

        _writeRollup.Parameters[0].Value = sid;
        _writeRollup.Parameters[1].Value = t0;
        _writeRollup.Parameters[2].Value = rollups.Count;
        var data = ChunkCodec.EncodeRollups(t0, rollups);
        _writeRollup.Parameters[3].Value = data;
        await _writeRollup.ExecuteNonQueryAsync(cancellationToken);
        _written.Add(new WrittenChunk(ChunkTable.Rollups, sid, t0, data));
    }

    /// <summary>
    /// Deletes the samples before <paramref name="before"/> (Unix seconds): whole hours in one statement, and the hour
    /// that straddles the cut rewritten without its older samples, so what is kept is exactly what a row per sample
    /// kept. Returns the samples deleted.
    /// </summary>
    public Task<long> PruneSamplesAsync(long before, CancellationToken cancellationToken) => PruneAsync(Samples, before, cancellationToken);

    /// <summary>Deletes the ticks before <paramref name="before"/> (Unix ms), as <see cref="PruneSamplesAsync"/> does samples; returns the ticks deleted.</summary>
    public Task<long> PruneTicksAsync(long before, CancellationToken cancellationToken) => PruneAsync(Ticks, before, cancellationToken);

    private async Task<long> PruneAsync(Table table, long before, CancellationToken cancellationToken)
    {
        var deleted = await DeleteWholeAsync(table.Name, table.Key, table.Keys, before - table.Span, cancellationToken);
        foreach (var (key, t0, data) in await StraddlingAsync(table.Name, table.Key, table.Keys, table.Span, before, cancellationToken))
        {
            var entries = ChunkCodec.DecodeSamples(t0, data);
            var kept = entries.FindAll(s => s.Ts >= before);
            deleted += entries.Count - kept.Count;
            if (kept.Count < entries.Count)
            {
                await PutAsync(table, key, t0, kept, cancellationToken);
            }
        }

        return deleted;
    }

    /// <summary>Deletes the rollups of buckets before <paramref name="before"/> (Unix seconds), as <see cref="PruneSamplesAsync"/> does samples; returns the rollups deleted.</summary>
    public async Task<long> PruneRollupsAsync(long before, CancellationToken cancellationToken)
    {
        var deleted = await DeleteWholeAsync("rollup_chunks", "sid", "series", before - RollupSpan, cancellationToken);
        foreach (var (sid, t0, data) in await StraddlingAsync("rollup_chunks", "sid", "series", RollupSpan, before, cancellationToken))
        {
            var rollups = ChunkCodec.DecodeRollups(t0, data);
            var kept = rollups.FindAll(r => r.Ts >= before);
            deleted += rollups.Count - kept.Count;
            if (kept.Count < rollups.Count)
            {
                await PutRollupsAsync(sid, t0, kept, cancellationToken);
            }
        }

        return deleted;
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var (read, write) in _entries.Values)
        {
            await read.DisposeAsync();
            await write.DisposeAsync();
        }

        await _readRollup.DisposeAsync();
        await _writeRollup.DisposeAsync();
    }

    /// <summary>The prepared read and write of <paramref name="table"/>'s rows, made on first use.</summary>
    private (SqliteCommand Read, SqliteCommand Write) Commands(Table table)
    {
        if (!_entries.TryGetValue(table, out var commands))
        {
            commands = (Prepare(_db, _tx, $"SELECT n, t_last, v_last, data FROM {table.Name} WHERE {table.Key} = $k AND t0 = $t", "$k", "$t"),
                Prepare(_db, _tx, $"INSERT OR REPLACE INTO {table.Name} ({table.Key}, t0, n, t_last, v_last, data) VALUES ($k, $t, $n, $l, $v, $d)", "$k", "$t", "$n", "$l", "$v", "$d"));
            _entries[table] = commands;
        }

        return commands;
    }

    private async Task WriteRowAsync(Table table, long key, long t0, long n, long last, long lastV, byte[] data, CancellationToken cancellationToken)
    {
        var (_, write) = Commands(table);
        write.Parameters[0].Value = key;
        write.Parameters[1].Value = t0;
        write.Parameters[2].Value = n;
        write.Parameters[3].Value = last;
        write.Parameters[4].Value = lastV;
        write.Parameters[5].Value = data;
        await write.ExecuteNonQueryAsync(cancellationToken);
        _written.Add(new WrittenChunk(table.Kind, key, t0, data));
    }

    /// <summary>Deletes the chunks starting at or before <paramref name="lastStart"/>; returns the entries they held.</summary>
    private async Task<long> DeleteWholeAsync(string table, string key, string keys, long lastStart, CancellationToken cancellationToken)
    {
        // Walks the (key, t0) key one stretch per series or host: no separate time index to keep up.
        await using var cmd = Prepare(_db, _tx, $"DELETE FROM {table} WHERE {key} IN (SELECT id FROM {keys}) AND t0 <= $c RETURNING n", "$c");
        cmd.Parameters[0].Value = lastStart;
        long deleted = 0;
        await using var reader = await cmd.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            deleted += reader.GetInt64(0);
        }

        return deleted;
    }

    /// <summary>The chunks whose span holds <paramref name="cut"/> past their start.</summary>
    private async Task<List<(long Key, long T0, byte[] Data)>> StraddlingAsync(string table, string key, string keys, long span, long cut, CancellationToken cancellationToken)
    {
        await using var cmd = Prepare(_db, _tx, $"SELECT {key}, t0, data FROM {table} WHERE {key} IN (SELECT id FROM {keys}) AND t0 > $f AND t0 < $c", "$f", "$c");
        cmd.Parameters[0].Value = cut - span;
        cmd.Parameters[1].Value = cut;
        var found = new List<(long, long, byte[])>();
        await using var reader = await cmd.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            found.Add((reader.GetInt64(0), reader.GetInt64(1), reader.GetFieldValue<byte[]>(2)));
        }

        return found;
    }

    private async Task DeleteAsync(ChunkTable kind, string table, string keyColumn, long key, long t0, CancellationToken cancellationToken)
    {
        await using var cmd = Prepare(_db, _tx, $"DELETE FROM {table} WHERE {keyColumn} = $k AND t0 = $t", "$k", "$t");
        cmd.Parameters[0].Value = key;
        cmd.Parameters[1].Value = t0;
        await cmd.ExecuteNonQueryAsync(cancellationToken);
        _written.Add(new WrittenChunk(kind, key, t0, null));
    }

    private static SqliteCommand Prepare(SqliteConnection db, SqliteTransaction tx, string sql, params string[] names)
    {
        var cmd = db.CreateCommand();
        cmd.CommandText = sql;
        cmd.Transaction = tx;
        foreach (var name in names)
        {
            cmd.Parameters.Add(new SqliteParameter { ParameterName = name, Value = 0L });
        }

        return cmd;
    }

    /// <summary>A table of (key, t0, n, t_last, v_last, data) chunks: which it is, its name, key column, the table whose
    /// ids the key takes (walked to prune one stretch per key), and the span of one chunk in the table's time unit.</summary>
    private sealed record Table(ChunkTable Kind, string Name, string Key, string Keys, long Span);
}
