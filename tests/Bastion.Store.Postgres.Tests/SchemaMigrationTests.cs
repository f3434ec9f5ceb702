namespace Bastion.Store.Postgres.Tests;

public sealed class SchemaMigrationTests(TestDatabase database) : IClassFixture<TestDatabase>
{
    [PostgresFact]
    public async Task Migrate_AppliesEachStepOnce_WhenFourInstancesStartTogether()
    {
        var stores = Enumerable.Range(0, 4).Select(_ => database.Store()).ToList();
        try
        {
            var results = await Task.WhenAll(stores.Select(s => s.MigrateAsync(TimeSpan.FromSeconds(30), CancellationToken.None)));

            results.Sum(r => r.Applied).ShouldBe(PostgresStore.LatestSchemaVersion);
            results.Count(r => r.Applied > 0).ShouldBe(1);
            (await stores[0].SchemaVersionAsync(CancellationToken.None)).ShouldBe(PostgresStore.LatestSchemaVersion);
            Convert.ToInt64(await database.ScalarAsync("SELECT count(*) FROM bastion_schema"), System.Globalization.CultureInfo.InvariantCulture).ShouldBe(PostgresStore.LatestSchemaVersion);
            (await stores[1].MigrateAsync(null, CancellationToken.None)).ShouldBe((PostgresStore.LatestSchemaVersion, 0));
        }
        finally
        {
            foreach (var store in stores)
            {
                await store.DisposeAsync();
            }
        }
    }

    [PostgresFact]
    public async Task Migrate_RefusesAndTouchesNothing_WhenTheStoreIsNewerThanBastion()
    {
        await using var store = database.Store();
        await store.MigrateAsync(null, CancellationToken.None);
        await database.ScalarAsync($"INSERT INTO bastion_schema (version, description) VALUES ({PostgresStore.LatestSchemaVersion + 1}, 'from the future')");
        try
        {
            var e = await Should.ThrowAsync<Core.BastionException>(() => store.MigrateAsync(null, CancellationToken.None));
            e.Message.ShouldContain("newer than this Bastion");
        }
        finally
        {
            await database.ScalarAsync($"DELETE FROM bastion_schema WHERE version > {PostgresStore.LatestSchemaVersion}");
        }
    }
}
