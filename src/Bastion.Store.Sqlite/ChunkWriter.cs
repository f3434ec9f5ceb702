using Microsoft.Data.Sqlite;

namespace Bastion.Store.Sqlite;

/// <summary>
/// Writes samples and rollups into their chunks inside one open write transaction: the chunk's row is read, the entry
/// appended (or, for a time at or before the chunk's last, merged in place: a later value for the same second replaces
/// the earlier one, as the row-per-sample table's <c>INSERT OR REPLACE</c> did) and the row written back whole.
/// </summary>
internal sealed class ChunkWriter : IAsyncDisposable
{
    /// <summary>Seconds of raw samples per chunk: an hour (60 samples at the default interval).</summary>
    public const long SampleSpan = 3600;

    /// <summary>Seconds of 5-minute rollups per chunk: a day (288 buckets).</summary>
    public const long RollupSpan = 86400;

    private readonly SqliteConnection _db;
    private readonly SqliteTransaction _tx;
    private readonly SqliteCommand _readSample;
    private readonly SqliteCommand _writeSample;
    private readonly SqliteCommand _readRollup;
    private readonly SqliteCommand _writeRollup;

    public ChunkWriter(SqliteConnection db, SqliteTransaction tx)
    {
        (_db, _tx) = (db, tx);
        _readSample = Prepare(db, tx, "SELECT n, t_last, v_last, data FROM sample_chunks WHERE sid = $k AND t0 = $t", "$k", "$t");
        _writeSample = Prepare(db, tx, "INSERT OR REPLACE INTO sample_chunks (sid, t0, n, t_last, v_last, data) VALUES ($k, $t, $n, $l, $v, $d)", "$k", "$t", "$n", "$l", "$v", "$d");
        _readRollup = Prepare(db, tx, "SELECT data FROM rollup_chunks WHERE sid = $k AND t0 = $t", "$k", "$t");
        _writeRollup = Prepare(db, tx, "INSERT OR REPLACE INTO rollup_chunks (sid, t0, n, data) VALUES ($k, $t, $n, $d)", "$k", "$t", "$n", "$d");
    }

    /// <summary>The start of the chunk of <paramref name="span"/> seconds that holds <paramref name="ts"/>.</summary>
    public static long ChunkStart(long ts, long span) => Math.DivRem(ts, span) is var (q, r) && r < 0 ? (q - 1) * span : q * span;

    /// <summary>Adds one sample (Unix seconds, thousandths) to its series' hour.</summary>
    public async Task AddSampleAsync(long sid, long ts, long v, CancellationToken cancellationToken)
    {
        var t0 = ChunkStart(ts, SampleSpan);
        _readSample.Parameters[0].Value = sid;
        _readSample.Parameters[1].Value = t0;
        long n;
        long last;
        long lastV;
        byte[] data;
        await using (var reader = await _readSample.ExecuteReaderAsync(cancellationToken))
        {
            if (!await reader.ReadAsync(cancellationToken))
            {
                await PutSamplesAsync(sid, t0, [(ts, v)], cancellationToken);
                return;
            }

            (n, last, lastV, data) = (reader.GetInt64(0), reader.GetInt64(1), reader.GetInt64(2), reader.GetFieldValue<byte[]>(3));
        }

        if (ts > last)
        {
            var buffer = new List<byte>(data.Length + 4);
            buffer.AddRange(data);
            ChunkCodec.AppendSample(buffer, last, lastV, ts, v);
            await WriteSampleRowAsync(sid, t0, n + 1, ts, v, [.. buffer], cancellationToken);
            return;
        }

        var samples = ChunkCodec.DecodeSamples(t0, data);
        var at = samples.FindIndex(s => s.Ts >= ts);
        if (samples[at].Ts == ts)
        {
            samples[at] = (ts, v);
        }
        else
        {
            samples.Insert(at, (ts, v));
        }

        await PutSamplesAsync(sid, t0, samples, cancellationToken);
    }

    /// <summary>Writes a chunk of samples whole (time-ordered, all within the hour starting at <paramref name="t0"/>), replacing what the row held.</summary>
    public Task PutSamplesAsync(long sid, long t0, IReadOnlyList<(long Ts, long V)> samples, CancellationToken cancellationToken) =>
        samples.Count == 0 ? DeleteAsync("sample_chunks", sid, t0, cancellationToken)
            : WriteSampleRowAsync(sid, t0, samples.Count, samples[^1].Ts, samples[^1].V, ChunkCodec.EncodeSamples(t0, samples), cancellationToken);

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
            await DeleteAsync("rollup_chunks", sid, t0, cancellationToken);
            return;
        }

        _writeRollup.Parameters[0].Value = sid;
        _writeRollup.Parameters[1].Value = t0;
        _writeRollup.Parameters[2].Value = rollups.Count;
        _writeRollup.Parameters[3].Value = ChunkCodec.EncodeRollups(t0, rollups);
        await _writeRollup.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>
    /// Deletes the samples before <paramref name="before"/> (Unix seconds): whole hours in one statement, and the hour
    /// that straddles the cut rewritten without its older samples, so what is kept is exactly what a row per sample
    /// kept. Returns the samples deleted.
    /// </summary>
    public async Task<long> PruneSamplesAsync(long before, CancellationToken cancellationToken)
    {
        var deleted = await DeleteWholeAsync("sample_chunks", before - SampleSpan, cancellationToken);
        foreach (var (sid, t0, data) in await StraddlingAsync("sample_chunks", SampleSpan, before, cancellationToken))
        {
            var samples = ChunkCodec.DecodeSamples(t0, data);
            var kept = samples.FindAll(s => s.Ts >= before);
            deleted += samples.Count - kept.Count;
            if (kept.Count < samples.Count)
            {
                await PutSamplesAsync(sid, t0, kept, cancellationToken);
            }
        }

        return deleted;
    }

    /// <summary>Deletes the rollups of buckets before <paramref name="before"/> (Unix seconds), as <see cref="PruneSamplesAsync"/> does samples; returns the rollups deleted.</summary>
    public async Task<long> PruneRollupsAsync(long before, CancellationToken cancellationToken)
    {
        var deleted = await DeleteWholeAsync("rollup_chunks", before - RollupSpan, cancellationToken);
        foreach (var (sid, t0, data) in await StraddlingAsync("rollup_chunks", RollupSpan, before, cancellationToken))
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
        await _readSample.DisposeAsync();
        await _writeSample.DisposeAsync();
        await _readRollup.DisposeAsync();
        await _writeRollup.DisposeAsync();
    }

    private async Task WriteSampleRowAsync(long sid, long t0, long n, long last, long lastV, byte[] data, CancellationToken cancellationToken)
    {
        _writeSample.Parameters[0].Value = sid;
        _writeSample.Parameters[1].Value = t0;
        _writeSample.Parameters[2].Value = n;
        _writeSample.Parameters[3].Value = last;
        _writeSample.Parameters[4].Value = lastV;
        _writeSample.Parameters[5].Value = data;
        await _writeSample.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>Deletes the chunks starting at or before <paramref name="lastStart"/>; returns the entries they held.</summary>
    private async Task<long> DeleteWholeAsync(string table, long lastStart, CancellationToken cancellationToken)
    {
        // Walks the (sid, t0) key one stretch per series: no separate time index to keep up.
        await using var cmd = Prepare(_db, _tx, $"DELETE FROM {table} WHERE sid IN (SELECT id FROM series) AND t0 <= $c RETURNING n", "$c");
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
    private async Task<List<(long Sid, long T0, byte[] Data)>> StraddlingAsync(string table, long span, long cut, CancellationToken cancellationToken)
    {
        await using var cmd = Prepare(_db, _tx, $"SELECT sid, t0, data FROM {table} WHERE sid IN (SELECT id FROM series) AND t0 > $f AND t0 < $c", "$f", "$c");
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

    private async Task DeleteAsync(string table, long sid, long t0, CancellationToken cancellationToken)
    {
        await using var cmd = Prepare(_db, _tx, $"DELETE FROM {table} WHERE sid = $k AND t0 = $t", "$k", "$t");
        cmd.Parameters[0].Value = sid;
        cmd.Parameters[1].Value = t0;
        await cmd.ExecuteNonQueryAsync(cancellationToken);
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
}
