using Microsoft.Data.Sqlite;

namespace Bastion.Store.Sqlite;

/// <summary>
/// The history database file (<c>history.db</c>) that the history and alert stores share: created and brought up to date
/// by <see cref="SqliteSchema"/> on first use (once per instance, whoever asks first), then one pooled connection per
/// call with <c>synchronous=NORMAL</c> (WAL keeps it crash-safe), a 10 s busy timeout for the one writer's
/// transactions, and the file memory-mapped for reading (<c>mmap_size</c> 256 MiB): a range query reads its chunks
/// straight from the page cache instead of copying each page through a read call into SQLite's own cache.
/// </summary>
internal sealed class SqliteDatabase(string path) : IDisposable
{
    private readonly SemaphoreSlim _open = new(1, 1);
    private string? _connectionString;

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
        pragma.CommandText = "PRAGMA synchronous=NORMAL; PRAGMA busy_timeout=10000; PRAGMA mmap_size=268435456;";
        await pragma.ExecuteNonQueryAsync(cancellationToken);
        return db;
    }

    /// <summary>Releases the open lock; pooled connections close with the process (or <see cref="SqliteConnection.ClearAllPools"/>).</summary>
    public void Dispose() => _open.Dispose();
}
