using Microsoft.Data.Sqlite;

namespace Bastion.Store.Sqlite;

/// <summary>
/// Schema version 5's conversion: the row-per-tick <c>ticks</c> table (host, ts in Unix ms, status, error) becomes
/// <c>tick_chunks</c> (a host's hour of (ms, status) per row) and <c>tick_errors</c> (the error text of the ticks that
/// have one, copied by the migration's SQL), read in key order and written chunk by chunk, then <c>ticks</c> is dropped;
/// all inside the migration's transaction, so a kill midway leaves version 4 whole and the next opener starts over.
/// </summary>
internal static class TickChunkMigration
{
    /// <summary>The schema version this conversion brings a store to.</summary>
    public const int Version = 5;

    public static async Task RunAsync(SqliteConnection db, SqliteTransaction tx, CancellationToken cancellationToken)
    {
        await using var writer = new ChunkWriter(db, tx);
        await using (var ticks = db.CreateCommand())
        {
            ticks.Transaction = tx;
            ticks.CommandText = "SELECT host, ts, status FROM ticks ORDER BY host, ts";
            await using var reader = await ticks.ExecuteReaderAsync(cancellationToken);
            var chunk = new List<(long Ts, long Status)>();
            var (host, t0) = (long.MinValue, long.MinValue);
            while (await reader.ReadAsync(cancellationToken))
            {
                var (h, ts, status) = (reader.GetInt64(0), reader.GetInt64(1), reader.GetInt64(2));
                var start = ChunkWriter.ChunkStart(ts, ChunkWriter.TickSpan);
                if (h != host || start != t0)
                {
                    if (chunk.Count > 0)
                    {
                        await writer.PutTicksAsync(host, t0, chunk, cancellationToken);
                    }

                    (host, t0) = (h, start);
                    chunk.Clear();
                }

                chunk.Add((ts, status));
            }

            if (chunk.Count > 0)
            {
                await writer.PutTicksAsync(host, t0, chunk, cancellationToken);
            }
        }

        await using var drop = db.CreateCommand();
        drop.Transaction = tx;
        drop.CommandText = "DROP TABLE ticks;";
        await drop.ExecuteNonQueryAsync(cancellationToken);
    }
}
