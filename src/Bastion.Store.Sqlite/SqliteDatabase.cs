using Microsoft.Data.Sqlite;

namespace Bastion.Store.Sqlite;

/// <summary>
/// The history database file (<c>history.db</c>) that the history and alert stores share: created and brought up to date
/// by <see cref="SqliteSchema"/> on first use (once per instance, whoever asks first), then one pooled connection per
/// call (and one kept open for the store's own writes and for <c>data_version</c>, see <see cref="WriteAsync"/>)
/// with <c>synchronous=NORMAL</c> (WAL keeps it crash-safe), a 10 s busy timeout for the one writer's
/// transactions, and the file memory-mapped for reading (<see cref="MmapSize"/>): a range query reads its chunks
/// straight from the page cache instead of copying each page through a read call into SQLite's own cache.
/// </summary>
internal sealed class SqliteDatabase(string path) : IDisposable
{
    /// <summary>
    /// Bytes of the file mapped: SQLite's own ceiling (<c>SQLITE_MAX_MMAP_SIZE</c>, 2 GiB less 64 KiB), which costs
    /// address space only. Less would leave out the newest chunks, which are what is read most: a store grows at its
    /// end, so with 256 MiB mapped a week of 200 hosts (640 MB) was read page by page through <c>pread</c> for every
    /// ranking of the last hour, each page copied into a per-connection cache too small to keep them.
    /// </summary>
    public const long MmapSize = 2147418112;

    private static readonly string Pragmas = FormattableString.Invariant($"PRAGMA synchronous=NORMAL; PRAGMA busy_timeout=10000; PRAGMA mmap_size={MmapSize};");

    private readonly SemaphoreSlim _open = new(1, 1);
    private readonly SemaphoreSlim _own = new(1, 1);
    private string? _connectionString;
    private SqliteConnection? _connection;
    private SqliteCommand? _dataVersion;

    /// <summary>Writes under way or waiting for the own connection.</summary>
    private int _writers;

    /// <summary>The database file.</summary>
    public string Path { get; } = path;

    /// <summary>An open connection; the caller disposes it.</summary>
    /// <exception cref="Core.BastionException">The file was written by a newer Bastion, or cannot be opened.</exception>
    public async Task<SqliteConnection> OpenAsync(CancellationToken cancellationToken)
    {
        if (_connectionString is null)
        {
            await _open.WaitAsync(cancellationToken);
            try
            {
                _connectionString ??= await SqliteSchema.CreateAsync(Path, cancellationToken);
            }
            finally
            {
                _open.Release();
            }
        }

        var db = new SqliteConnection(_connectionString);
        await db.OpenAsync(cancellationToken);
        await using var pragma = db.CreateCommand();
        pragma.CommandText = Pragmas;
        await pragma.ExecuteNonQueryAsync(cancellationToken);
        return db;
    }

    /// <summary>
    /// The file's <c>PRAGMA data_version</c> as the store's own connection (<see cref="WriteAsync"/>) sees it: a
    /// number that grows whenever another connection, of this process or any other, has committed since the last call,
    /// and stays the same for the own connection's commits (SQLite compares the WAL index's header; a few microseconds).
    /// What <see cref="ChunkCache"/> is tied to. Null while a write has or waits for the own connection (the read then
    /// does without the cache rather than wait for the write); concurrent readers take turns (microseconds each).
    /// </summary>
    /// <exception cref="Core.BastionException">As <see cref="OpenAsync"/>.</exception>
    public async Task<long?> DataVersionAsync(CancellationToken cancellationToken)
    {
        if (Volatile.Read(ref _writers) > 0)
        {
            return null;
        }

        await _own.WaitAsync(cancellationToken);
        try
        {
            await OwnAsync(cancellationToken);
            return Convert.ToInt64(await _dataVersion!.ExecuteScalarAsync(cancellationToken), System.Globalization.CultureInfo.InvariantCulture);
        }
        finally
        {
            _own.Release();
        }
    }

    /// <summary>Runs <paramref name="write"/> on the store's own connection, one at a time: commits made there leave
    /// <see cref="DataVersionAsync"/> as it was, so the writer tells the cache what it changed instead. The connection
    /// stays open; <paramref name="write"/> must not dispose it.</summary>
    /// <exception cref="Core.BastionException">As <see cref="OpenAsync"/>.</exception>
    public async Task WriteAsync(Func<SqliteConnection, Task> write, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(write);
        // Counted before waiting, so readers stop queueing for the connection as soon as a write wants it.
        Interlocked.Increment(ref _writers);
        try
        {
            await _own.WaitAsync(cancellationToken);
            try
            {
                await write(await OwnAsync(cancellationToken));
            }
            finally
            {
                _own.Release();
            }
        }
        finally
        {
            Interlocked.Decrement(ref _writers);
        }
    }

    /// <summary>The own connection, opened on first use (the caller holds <see cref="_own"/>).</summary>
    private async Task<SqliteConnection> OwnAsync(CancellationToken cancellationToken)
    {
        if (_connection is null)
        {
            var db = await OpenAsync(cancellationToken);
            _dataVersion = db.CreateCommand();
            _dataVersion.CommandText = "PRAGMA data_version";
            _connection = db;
        }

        return _connection;
    }

    /// <summary>Closes the own connection and releases the locks; pooled connections close with the process (or
    /// <see cref="SqliteConnection.ClearAllPools"/>).</summary>
    public void Dispose()
    {
        _dataVersion?.Dispose();
        _connection?.Dispose();
        _open.Dispose();
        _own.Dispose();
    }
}
