using Microsoft.Data.Sqlite;

namespace Bastion.Store.Sqlite;

/// <summary>
/// Schema version 4's conversion: the row-per-sample <c>samples</c> table (sid, ts, v) and row-per-bucket <c>rollups</c>
/// table become <c>sample_chunks</c> (a series' hour per row) and <c>rollup_chunks</c> (a series' day per row), read in
/// key order and written chunk by chunk, then the old tables are dropped; all inside the migration's transaction, so a
/// kill midway leaves version 3 whole and the next opener starts over.
/// </summary>
internal static class ChunkMigration
{
    /// <summary>The schema version this conversion brings a store to.</summary>
    public const int Version = 4;

    public static async Task RunAsync(SqliteConnection db, SqliteTransaction tx, CancellationToken cancellationToken)
    {
        await using var writer = new ChunkWriter(db, tx);
        await using (var samples = db.CreateCommand())
        {
            samples.Transaction = tx;
            samples.CommandText = "SELECT sid, ts, v FROM samples ORDER BY sid, ts";
            await using var reader = await samples.ExecuteReaderAsync(cancellationToken);
            var chunk = new List<(long Ts, long V)>();
            var (sid, t0) = (long.MinValue, long.MinValue);
            while (await reader.ReadAsync(cancellationToken))
            {
                var (s, ts, v) = (reader.GetInt64(0), reader.GetInt64(1), reader.GetInt64(2));
                var start = ChunkWriter.ChunkStart(ts, ChunkWriter.SampleSpan);
                if (s != sid || start != t0)
                {
                    if (chunk.Count > 0)
                    {
                        await writer.PutSamplesAsync(sid, t0, chunk, cancellationToken);
                    }

                    (sid, t0) = (s, start);
                    chunk.Clear();
                }

                chunk.Add((ts, v));
            }

            if (chunk.Count > 0)
            {
                await writer.PutSamplesAsync(sid, t0, chunk, cancellationToken);
            }
        }

        await using (var rollups = db.CreateCommand())
        {
            rollups.Transaction = tx;
            rollups.CommandText = "SELECT sid, ts, mn, av, mx, n FROM rollups ORDER BY sid, ts";
            await using var reader = await rollups.ExecuteReaderAsync(cancellationToken);
            var chunk = new List<RollupEntry>();
            var (sid, t0) = (long.MinValue, long.MinValue);
            while (await reader.ReadAsync(cancellationToken))
            {
                var s = reader.GetInt64(0);
                var r = new RollupEntry(reader.GetInt64(1), reader.GetInt64(2), reader.GetInt64(3), reader.GetInt64(4), reader.GetInt64(5));
                var start = ChunkWriter.ChunkStart(r.Ts, ChunkWriter.RollupSpan);
                if (s != sid || start != t0)
                {
                    if (chunk.Count > 0)
                    {
                        await writer.PutRollupsAsync(sid, t0, chunk, cancellationToken);
                    }

                    (sid, t0) = (s, start);
                    chunk.Clear();
                }

                chunk.Add(r);
            }

            if (chunk.Count > 0)
            {
                await writer.PutRollupsAsync(sid, t0, chunk, cancellationToken);
            }
        }

        await using var drop = db.CreateCommand();
        drop.Transaction = tx;
        drop.CommandText = "DROP TABLE samples; DROP TABLE rollups;";
        await drop.ExecuteNonQueryAsync(cancellationToken);
    }
}
