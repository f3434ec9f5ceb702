using Microsoft.Data.Sqlite;

namespace Bastion.Store.Sqlite;

/// <summary>
/// The history database file (<c>history.db</c>) that the history and alert stores share: created and brought up to date
/// by <see cref="SqliteSchema"/> on first use (once per instance, whoever asks first), then one pooled connection per
/// call with <c>synchronous=NORMAL</c> (WAL keeps it crash-safe), a 10 s busy timeout for the one writer's
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
    private readonly SemaphoreSlim _watch = new(1, 1);
    private string? _connectionString;
    private SqliteConnection? _watcher;
    private SqliteCommand? _dataVersion;

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
    /// The file's <c>PRAGMA data_version</c> as one connection kept open for the purpose sees it: a number that grows
    /// whenever another connection, of this process or any other, has committed since the last call, and stays the same
    /// otherwise (SQLite compares the WAL index's header; a few microseconds). What <see cref="ChunkCache"/> is tied to.
    /// </summary>
    /// <exception cref="Core.BastionException">As <see cref="OpenAsync"/>.</exception>
    public async Task<long> DataVersionAsync(CancellationToken cancellationToken)
    {
        await _watch.WaitAsync(cancellationToken);
        try
        {
            if (_dataVersion is null)
            {
                _watcher = await OpenAsync(cancellationToken);
                _dataVersion = _watcher.CreateCommand();
                _dataVersion.CommandText = "PRAGMA data_version";
                _dataVersion.Prepare();
            }

            return Convert.ToInt64(await _dataVersion.ExecuteScalarAsync(cancellationToken), System.Globalization.CultureInfo.InvariantCulture);
        }
        finally
        {
            _watch.Release();
        }
    }

    /// <summary>Closes the watching connection and releases the locks; pooled connections close with the process (or
    /// <see cref="SqliteConnection.ClearAllPools"/>).</summary>
    public void Dispose()
    {
        _dataVersion?.Dispose();
        _watcher?.Dispose();
        _open.Dispose();
        _watch.Dispose();
    }
}
