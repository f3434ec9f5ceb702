using Microsoft.Data.Sqlite;

namespace Bastion.Store.Sqlite;

/// <summary>
/// The history database's schema, versioned by <c>PRAGMA user_version</c>: each migration runs in one immediate
/// transaction together with the version bump, so a process killed mid-migration leaves the previous version intact
/// and the next opener runs it again. Two processes opening at once serialise on the write lock.
/// </summary>
internal static class SqliteSchema
{
    private const UnixFileMode Private = UnixFileMode.UserRead | UnixFileMode.UserWrite;

    /// <summary>Migrations in order; migration i brings the schema from version i to i + 1.</summary>
    private static readonly string[] Migrations =
    [
        """
        CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL) WITHOUT ROWID;
        CREATE TABLE hosts (id INTEGER PRIMARY KEY, name TEXT NOT NULL UNIQUE);
        CREATE TABLE series (id INTEGER PRIMARY KEY, metric TEXT NOT NULL, instance TEXT NOT NULL, UNIQUE (metric, instance));
        CREATE TABLE ticks (host INTEGER NOT NULL, ts INTEGER NOT NULL, status INTEGER NOT NULL, error TEXT, PRIMARY KEY (host, ts)) WITHOUT ROWID;
        CREATE TABLE samples (host INTEGER NOT NULL, series INTEGER NOT NULL, ts INTEGER NOT NULL, value REAL NOT NULL, PRIMARY KEY (host, series, ts)) WITHOUT ROWID;
        CREATE INDEX samples_ts ON samples (ts);
        CREATE TABLE rollups (host INTEGER NOT NULL, series INTEGER NOT NULL, bucket INTEGER NOT NULL, min REAL NOT NULL, avg REAL NOT NULL, max REAL NOT NULL, n INTEGER NOT NULL, PRIMARY KEY (host, series, bucket)) WITHOUT ROWID;
        CREATE INDEX rollups_bucket ON rollups (bucket);
        CREATE TABLE processes (host INTEGER NOT NULL, ts INTEGER NOT NULL, top TEXT NOT NULL, PRIMARY KEY (host, ts)) WITHOUT ROWID;
        """,

        // Version 2, narrower rows: a series is one host's (metric, instance), so a sample's key is (series, second)
        // instead of (host, series, millisecond); values are integers in thousandths (the collector rounds to three
        // decimals, so nothing is lost), which SQLite stores in 1 to 4 bytes for most figures instead of an 8-byte
        // REAL; and the separate time index is gone (pruning walks the key per series). Existing rows are converted.
        """
        CREATE TABLE series_v2 (id INTEGER PRIMARY KEY, host INTEGER NOT NULL, metric TEXT NOT NULL, instance TEXT NOT NULL, UNIQUE (host, metric, instance));
        INSERT INTO series_v2 (host, metric, instance)
          SELECT DISTINCT u.host, s.metric, s.instance FROM (SELECT host, series FROM samples UNION SELECT host, series FROM rollups) u
          JOIN series s ON s.id = u.series ORDER BY u.host, s.metric, s.instance;
        CREATE TABLE samples_v2 (sid INTEGER NOT NULL, ts INTEGER NOT NULL, v INTEGER NOT NULL, PRIMARY KEY (sid, ts)) WITHOUT ROWID;
        INSERT OR REPLACE INTO samples_v2 (sid, ts, v)
          SELECT n.id, d.ts / 1000, CAST(round(d.value * 1000) AS INTEGER) FROM samples d
          JOIN series s ON s.id = d.series JOIN series_v2 n ON n.host = d.host AND n.metric = s.metric AND n.instance = s.instance;
        CREATE TABLE rollups_v2 (sid INTEGER NOT NULL, ts INTEGER NOT NULL, mn INTEGER NOT NULL, av INTEGER NOT NULL, mx INTEGER NOT NULL, n INTEGER NOT NULL, PRIMARY KEY (sid, ts)) WITHOUT ROWID;
        INSERT OR REPLACE INTO rollups_v2 (sid, ts, mn, av, mx, n)
          SELECT n.id, r.bucket / 1000, CAST(round(r.min * 1000) AS INTEGER), CAST(round(r.avg * 1000) AS INTEGER), CAST(round(r.max * 1000) AS INTEGER), r.n FROM rollups r
          JOIN series s ON s.id = r.series JOIN series_v2 n ON n.host = r.host AND n.metric = s.metric AND n.instance = s.instance;
        DROP TABLE samples;
        DROP TABLE rollups;
        DROP TABLE series;
        ALTER TABLE series_v2 RENAME TO series;
        ALTER TABLE samples_v2 RENAME TO samples;
        ALTER TABLE rollups_v2 RENAME TO rollups;
        """,

        // Version 3, alert states: one row per firing of a rule on a host, open while ended is null.
        """
        CREATE TABLE alerts (id INTEGER PRIMARY KEY, rule TEXT NOT NULL, host TEXT NOT NULL, severity TEXT NOT NULL, metric TEXT NOT NULL,
          condition TEXT NOT NULL, value REAL NOT NULL, started INTEGER NOT NULL, ended INTEGER, end_value REAL);
        CREATE UNIQUE INDEX alerts_open ON alerts (rule, host) WHERE ended IS NULL;
        CREATE INDEX alerts_started ON alerts (started);
        """,

        // Version 4, chunks: one row per series and hour of raw samples, one per series and day of rollups, their
        // entries delta-encoded in a BLOB (ChunkCodec). Existing rows are converted by ChunkMigration, in this same
        // transaction, after these statements.
        """
        CREATE TABLE sample_chunks (sid INTEGER NOT NULL, t0 INTEGER NOT NULL, n INTEGER NOT NULL, t_last INTEGER NOT NULL, v_last INTEGER NOT NULL, data BLOB NOT NULL, PRIMARY KEY (sid, t0)) WITHOUT ROWID;
        CREATE TABLE rollup_chunks (sid INTEGER NOT NULL, t0 INTEGER NOT NULL, n INTEGER NOT NULL, data BLOB NOT NULL, PRIMARY KEY (sid, t0)) WITHOUT ROWID;
        """,

        // Version 5, tick chunks: one row per host and hour of ticks (Unix ms and status, delta-encoded in a BLOB as
        // samples are), so a ranking of 200 hosts over an hour reads 200 to 400 rows instead of 12,000; the error text
        // of the ticks that have one (unreachable, timed out) apart, keyed as the ticks were. Existing ticks are
        // converted by TickChunkMigration, in this same transaction, after these statements.
        """
        CREATE TABLE tick_chunks (host INTEGER NOT NULL, t0 INTEGER NOT NULL, n INTEGER NOT NULL, t_last INTEGER NOT NULL, v_last INTEGER NOT NULL, data BLOB NOT NULL, PRIMARY KEY (host, t0)) WITHOUT ROWID;
        CREATE TABLE tick_errors (host INTEGER NOT NULL, ts INTEGER NOT NULL, error TEXT NOT NULL, PRIMARY KEY (host, ts)) WITHOUT ROWID;
        INSERT INTO tick_errors (host, ts, error) SELECT host, ts, error FROM ticks WHERE error IS NOT NULL;
        """,
    ];

    /// <summary>The SQL of the schema up to <paramref name="version"/> (without the chunk conversions), for tests that build an old store.</summary>
    internal static string UpTo(int version) => string.Join("\n", Migrations.Take(version));

    /// <summary>The first schema (version 1), for tests that build an old store and open it with this build.</summary>
    internal static string FirstVersion => Migrations[0];

    /// <summary>The schema version this build writes.</summary>
    public static int Version => Migrations.Length;

    /// <summary>Creates the file (mode 0600) when missing, switches it to WAL and brings its schema up to date.</summary>
    /// <returns>The connection string to use.</returns>
    /// <exception cref="Core.BastionException">The file was written by a newer Bastion, or cannot be opened.</exception>
    public static async Task<string> CreateAsync(string path, CancellationToken cancellationToken)
    {
        if (!File.Exists(path))
        {
            Directory.CreateDirectory(System.IO.Path.GetDirectoryName(System.IO.Path.GetFullPath(path))!);
            using (new FileStream(path, new FileStreamOptions { Mode = FileMode.OpenOrCreate, Access = FileAccess.Write, UnixCreateMode = Private }))
            {
            }
        }

        var connectionString = new SqliteConnectionStringBuilder { DataSource = path, Mode = SqliteOpenMode.ReadWriteCreate, DefaultTimeout = 30 }.ToString();
        try
        {
            await using var db = new SqliteConnection(connectionString);
            await db.OpenAsync(cancellationToken);
            await ExecAsync(db, "PRAGMA journal_mode=WAL; PRAGMA busy_timeout=10000;", cancellationToken);
            while (true)
            {
                await using var tx = db.BeginTransaction(deferred: false);
                var version = Convert.ToInt32(await ScalarAsync(db, tx, "PRAGMA user_version", cancellationToken), System.Globalization.CultureInfo.InvariantCulture);
                if (version > Version)
                {
                    throw new Core.BastionException($"The history database {path} has schema version {version}; this Bastion knows up to {Version}. Use a newer Bastion, or move the file away to start a new history.");
                }

                if (version == Version)
                {
                    await tx.CommitAsync(cancellationToken);
                    return connectionString;
                }

                await using (var migrate = db.CreateCommand())
                {
                    migrate.Transaction = tx;
                    migrate.CommandText = Migrations[version];
                    await migrate.ExecuteNonQueryAsync(cancellationToken);
                    if (version + 1 == ChunkMigration.Version)
                    {
                        await ChunkMigration.RunAsync(db, tx, cancellationToken);
                    }
                    else if (version + 1 == TickChunkMigration.Version)
                    {
                        await TickChunkMigration.RunAsync(db, tx, cancellationToken);
                    }

                    migrate.CommandText = $"PRAGMA user_version = {version + 1};";
                    await migrate.ExecuteNonQueryAsync(cancellationToken);
                }

                await tx.CommitAsync(cancellationToken);
            }
        }
        catch (SqliteException e)
        {
            throw new Core.BastionException($"The history database {path} cannot be opened: {e.Message}", e);
        }
    }

    private static async Task ExecAsync(SqliteConnection db, string sql, CancellationToken cancellationToken)
    {
        await using var cmd = db.CreateCommand();
        cmd.CommandText = sql;
        await cmd.ExecuteNonQueryAsync(cancellationToken);
    }

    private static async Task<object?> ScalarAsync(SqliteConnection db, SqliteTransaction tx, string sql, CancellationToken cancellationToken)
    {
        await using var cmd = db.CreateCommand();
        cmd.CommandText = sql;
        cmd.Transaction = tx;
        return await cmd.ExecuteScalarAsync(cancellationToken);
    }
}
