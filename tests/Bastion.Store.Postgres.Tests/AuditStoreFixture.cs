using Bastion.Store.Postgres.Audit;

namespace Bastion.Store.Postgres.Tests;

/// <summary>
/// What the audit chain tests share (xunit class fixture): a throwaway database migrated to the latest schema and an audit
/// key file (<see cref="StoreAuditKeys"/>) in a temporary folder; both removed when the class is done.
/// </summary>
public sealed class AuditStoreFixture : IAsyncLifetime
{
    private readonly string _keys = Directory.CreateTempSubdirectory("bastion-pg-keys-").FullName;

    /// <summary>The database.</summary>
    public TestDatabase Database { get; } = new();

    /// <summary>The audit key file the chains are keyed with.</summary>
    public string KeyFile => Path.Combine(_keys, StoreAuditKeys.FileName);

    public async Task InitializeAsync()
    {
        await Database.InitializeAsync();
        if (TestDatabase.AdminConnectionString is { Length: > 0 })
        {
            await using var store = Database.Store();
            await store.MigrateAsync(null, CancellationToken.None);
            await StoreAuditKeys.EnsureAsync(KeyFile, TimeProvider.System, CancellationToken.None);
        }
    }

    public async Task DisposeAsync()
    {
        await Database.DisposeAsync();
        Directory.Delete(_keys, recursive: true);
    }
}
