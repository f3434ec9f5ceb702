using Npgsql;

namespace Bastion.Store.Postgres.Tests;

/// <summary>
/// A throwaway database on the PostgreSQL of <c>BASTION_TEST_PG</c>, one per test class (xunit class fixture): created
/// empty, dropped (with its connections) when the class is done.
/// </summary>
public sealed class TestDatabase : IAsyncLifetime
{
    public static string? AdminConnectionString => Environment.GetEnvironmentVariable("BASTION_TEST_PG");

    public string Name { get; } = "bastion_test_" + Guid.NewGuid().ToString("N")[..12];

    /// <summary>The connection string of this database, password included (for in-process stores and SQL in tests).</summary>
    public string ConnectionString => new NpgsqlConnectionStringBuilder(AdminConnectionString) { Database = Name, Pooling = false }.ConnectionString;

    private static NpgsqlConnectionStringBuilder Admin => new(AdminConnectionString);

    /// <summary>The <c>--store</c> URL of this database (no password: the processes get it from PGPASSWORD).</summary>
    public string Url => $"postgres://{Admin.Username}@{Admin.Host}:{Admin.Port}/{Name}";

    /// <summary>The password, for a child process's PGPASSWORD.</summary>
    public static string? Password => Admin.Password;

    public async Task InitializeAsync()
    {
        if (string.IsNullOrWhiteSpace(AdminConnectionString))
        {
            return;
        }

        await ExecuteAdminAsync($"CREATE DATABASE {Name} ENCODING 'UTF8' TEMPLATE template0");
    }

    public async Task DisposeAsync()
    {
        if (string.IsNullOrWhiteSpace(AdminConnectionString))
        {
            return;
        }

        NpgsqlConnection.ClearAllPools();
        await ExecuteAdminAsync($"DROP DATABASE IF EXISTS {Name} WITH (FORCE)");
    }

    /// <summary>A store on this database, as an instance in this process would have it.</summary>
    public PostgresStore Store() => PostgresStore.Create(Connection.StoreLocation.FromConnectionString(ConnectionString));

    /// <summary>Runs SQL on this database (to look at or tamper with what Bastion wrote).</summary>
    public async Task<object?> ScalarAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        return await command.ExecuteScalarAsync();
    }

    private static async Task ExecuteAdminAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(AdminConnectionString) { Pooling = false }.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }
}
