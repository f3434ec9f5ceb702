using System.Globalization;
using Bastion.Core;
using Bastion.Core.Inventory;
using Bastion.Core.Secrets.Vault;
using Bastion.Store.Postgres.Inventory;
using Bastion.Store.Postgres.Vault;
using Npgsql;

namespace Bastion.Store.Postgres.Tests;

/// <summary>The database refusing connections or dropping one mid-write: clear errors, nothing half-written, service resumes.</summary>
public sealed class StoreOutageTests(TestDatabase database) : IClassFixture<TestDatabase>, IAsyncLifetime
{
    public async Task InitializeAsync()
    {
        if (TestDatabase.AdminConnectionString is { Length: > 0 })
        {
            await using var store = database.Store();
            await store.MigrateAsync(null, CancellationToken.None);
        }
    }

    public Task DisposeAsync() => Task.CompletedTask;

    [PostgresFact]
    public async Task KnownHostsAdd_WritesNothing_WhenItsConnectionIsKilledMidTransaction_AndWorksAgainAfter()
    {
        await using var store = database.Store();
        var knownHosts = new PostgresKnownHosts(store);
        string[] lines = [.. Enumerable.Range(1, 4).Select(i => $"127.0.0.{i} ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIK{i}")];
        // Another session holds an uncommitted row equal to the third line: the import writes lines 1 and 2, then waits.
        await using var blocker = new NpgsqlConnection(database.ConnectionString);
        await blocker.OpenAsync();
        await using var held = await blocker.BeginTransactionAsync();
        await using (var insert = new NpgsqlCommand("INSERT INTO known_hosts VALUES ('cut', '127.0.0.3', 'ssh-ed25519', 'AAAAC3NzaC1lZDI1NTE5AAAAIK3')", blocker, held))
        {
            await insert.ExecuteNonQueryAsync();
        }

        var add = knownHosts.AddAsync("cut", lines, CancellationToken.None);
        var waiting = await WaitForLockedBackendAsync(blocker.ProcessID);
        await database.ScalarAsync($"SELECT pg_terminate_backend({waiting})");

        var e = await Should.ThrowAsync<BastionException>(() => add);
        e.Message.ShouldStartWith($"The shared store {store.Location.Display} cannot be used:");
        await held.RollbackAsync();
        (await CountAsync("SELECT count(*) FROM known_hosts WHERE tenant = 'cut'")).ShouldBe(0);
        (await knownHosts.AddAsync("cut", lines, CancellationToken.None)).ShouldBe(4);
    }

    [PostgresFact]
    public async Task Calls_FailNamingTheStore_WhileTheDatabaseRefusesConnections_AndResumeWhenItAccepts()
    {
        await using var store = database.Store();
        var vault = new PostgresVault(store, VaultKeySource.FromKey(System.Security.Cryptography.RandomNumberGenerator.GetBytes(32)));
        var inventory = new PostgresInventory(store);
        await vault.SetAsync("down", "token", "before", CancellationToken.None);

        await AdminAsync($"ALTER DATABASE {database.Name} ALLOW_CONNECTIONS false");
        try
        {
            var get = await Should.ThrowAsync<BastionException>(() => vault.GetAsync("down", "token", CancellationToken.None));
            get.Message.ShouldBe($"The shared store {store.Location.Display} cannot be used: database \"{database.Name}\" is not currently accepting connections");
            await Should.ThrowAsync<BastionException>(() => inventory.AddAsync("down", Host.Ssh("web", "127.0.0.1"), CancellationToken.None));
        }
        finally
        {
            await AdminAsync($"ALTER DATABASE {database.Name} ALLOW_CONNECTIONS true");
        }

        (await vault.GetAsync("down", "token", CancellationToken.None)).ShouldBe("before");
        (await inventory.ListAsync("down", CancellationToken.None)).ShouldBeEmpty();
        await inventory.AddAsync("down", Host.Ssh("web", "127.0.0.1"), CancellationToken.None);
        (await inventory.ListAsync("down", CancellationToken.None)).Single().Name.ShouldBe("web");
    }

    private async Task<long> CountAsync(string sql) => Convert.ToInt64(await database.ScalarAsync(sql), CultureInfo.InvariantCulture);

    /// <summary>The backend of this database that waits on a lock (the import), other than <paramref name="holder"/>.</summary>
    private async Task<int> WaitForLockedBackendAsync(int holder)
    {
        for (var i = 0; i < 600; i++)
        {
            if (await database.ScalarAsync($"SELECT pid FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock' AND pid <> {holder} LIMIT 1") is int pid)
            {
                return pid;
            }

            await Task.Delay(50);
        }

        throw new TimeoutException("The import never waited on the held row.");
    }

    private static async Task AdminAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(TestDatabase.AdminConnectionString) { Pooling = false }.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }
}
