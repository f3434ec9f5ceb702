using Bastion.Core;
using Bastion.Store.Postgres.Connection;
using Bastion.Store.Postgres.Schema;
using Npgsql;

namespace Bastion.Store.Postgres;

/// <summary>
/// Bastion's shared store in one PostgreSQL database: the connection pool, the schema (versioned steps applied once
/// under an advisory lock), and the state instances share through it (the audit chain per tenant). Errors of the
/// database come out as <see cref="BastionException"/> with the store's address (never its password) and what to check.
/// </summary>
public sealed class PostgresStore : IAsyncDisposable
{
    private readonly NpgsqlDataSource _source;
    private readonly NpgsqlDataSource _unflushed;

    private PostgresStore(StoreLocation location, NpgsqlDataSource source, NpgsqlDataSource unflushed)
    {
        Location = location;
        _source = source;
        _unflushed = unflushed;
    }

    /// <summary>Where the store is, as it may be shown.</summary>
    public StoreLocation Location { get; }

    /// <summary>The schema version this Bastion builds.</summary>
    public static int LatestSchemaVersion => Migrations.Latest;

    /// <summary>A pool for <paramref name="location"/>; nothing is connected until first use.</summary>
    public static PostgresStore Create(StoreLocation location)
    {
        ArgumentNullException.ThrowIfNull(location);
        var unflushed = new NpgsqlConnectionStringBuilder(location.ConnectionString);
        unflushed.Options = $"{unflushed.Options} -c synchronous_commit=off".Trim();
        return new PostgresStore(location, NpgsqlDataSource.Create(location.ConnectionString), NpgsqlDataSource.Create(unflushed.ConnectionString));
    }

    /// <summary>
    /// Connects and brings the schema to <see cref="LatestSchemaVersion"/> (waiting up to <paramref name="lockTimeout"/>,
    /// default 60 s, for another instance that is migrating). Returns the version found and the steps this call applied.
    /// </summary>
    /// <exception cref="BastionException">The store cannot be reached, refuses the login, is newer than this Bastion, or a step failed.</exception>
    public async Task<(int Before, int Applied)> MigrateAsync(TimeSpan? lockTimeout, CancellationToken cancellationToken)
    {
        try
        {
            return await SchemaMigrator.MigrateAsync(_source, Location.ConnectionString, lockTimeout ?? TimeSpan.FromSeconds(60), cancellationToken);
        }
        catch (Exception e) when (IsStoreFailure(e))
        {
            throw Unavailable(e);
        }
    }

    /// <summary>The schema version of the database (0 before Bastion set it up).</summary>
    /// <exception cref="BastionException">The store cannot be reached or refuses the login.</exception>
    public async Task<int> SchemaVersionAsync(CancellationToken cancellationToken)
    {
        try
        {
            await using var connection = await _source.OpenConnectionAsync(cancellationToken);
            return await SchemaMigrator.VersionAsync(connection, cancellationToken);
        }
        catch (Exception e) when (IsStoreFailure(e))
        {
            throw Unavailable(e);
        }
    }

    /// <summary>The server's version string (<c>SHOW server_version</c>), to prove the connection.</summary>
    /// <exception cref="BastionException">The store cannot be reached or refuses the login.</exception>
    public async Task<string> ServerVersionAsync(CancellationToken cancellationToken)
    {
        try
        {
            await using var connection = await _source.OpenConnectionAsync(cancellationToken);
            return connection.PostgreSqlVersion.ToString();
        }
        catch (Exception e) when (IsStoreFailure(e))
        {
            throw Unavailable(e);
        }
    }

    /// <summary>
    /// Takes and releases a PostgreSQL advisory lock (the kind the schema migration and the instances' coordination use),
    /// on its own connection, waiting at most <paramref name="timeout"/>. False: another session held it all that time.
    /// </summary>
    /// <exception cref="BastionException">The store cannot be reached or refuses the login.</exception>
    public async Task<bool> CheckAdvisoryLockAsync(string name, TimeSpan timeout, CancellationToken cancellationToken)
    {
        try
        {
            var advisory = new Medallion.Threading.Postgres.PostgresDistributedLock(new Medallion.Threading.Postgres.PostgresAdvisoryLockKey(name, allowHashing: true), Location.ConnectionString);
            await using var handle = await advisory.TryAcquireAsync(timeout, cancellationToken);
            return handle is not null;
        }
        catch (Exception e) when (IsStoreFailure(e))
        {
            throw Unavailable(e);
        }
    }

    /// <summary>An open connection from the pool.</summary>
    internal ValueTask<NpgsqlConnection> OpenAsync(CancellationToken cancellationToken) => _source.OpenConnectionAsync(cancellationToken);

    /// <summary>
    /// An open connection from a second pool whose commits do not wait for their WAL flush (<c>synchronous_commit=off</c>),
    /// for state a crash of the database may lose the last moments of without harm (rate-limit buckets): a hot row is
    /// released at commit instead of after a disk flush. Durable state (audit, vault, keys) never uses it.
    /// </summary>
    internal ValueTask<NpgsqlConnection> OpenUnflushedAsync(CancellationToken cancellationToken) => _unflushed.OpenConnectionAsync(cancellationToken);

    /// <summary>
    /// Runs <paramref name="work"/> on a pooled connection; a failure of the database or the network to it comes out as
    /// <see cref="BastionException"/> naming the store. What <paramref name="work"/> wrote outside a committed
    /// transaction is rolled back by PostgreSQL when the connection breaks: a call is whole or absent.
    /// </summary>
    internal async Task<T> RunAsync<T>(Func<NpgsqlConnection, Task<T>> work, CancellationToken cancellationToken)
    {
        try
        {
            await using var connection = await _source.OpenConnectionAsync(cancellationToken);
            return await work(connection);
        }
        catch (Exception e) when (IsStoreFailure(e))
        {
            throw Unavailable(e);
        }
    }

    /// <summary>Runs <paramref name="work"/> in one transaction, committed when it returns; any failure rolls it all back.</summary>
    internal Task<T> InTransactionAsync<T>(Func<NpgsqlConnection, NpgsqlTransaction, Task<T>> work, CancellationToken cancellationToken) =>
        RunAsync(
            async connection =>
            {
                await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
                var result = await work(connection, transaction);
                await transaction.CommitAsync(cancellationToken);
                return result;
            },
            cancellationToken);

    /// <summary>True for the failures of the database or the network to it (not of Bastion's own code).</summary>
    internal static bool IsStoreFailure(Exception e) => e is NpgsqlException or TimeoutException or System.Net.Sockets.SocketException;

    /// <summary>The failure as an operator reads it: which store, what happened.</summary>
    internal BastionException Unavailable(Exception e) =>
        new($"The shared store {Location.Display} cannot be used: {(e is PostgresException p ? p.MessageText : e.Message)}", e);

    /// <inheritdoc/>
    public async ValueTask DisposeAsync()
    {
        await _source.DisposeAsync();
        await _unflushed.DisposeAsync();
    }
}
