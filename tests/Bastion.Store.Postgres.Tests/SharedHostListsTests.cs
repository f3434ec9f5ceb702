using Bastion.Core;
using Bastion.Core.Configuration;
using Bastion.Core.Inventory;
using Bastion.Store.Postgres.Inventory;
using Bastion.Store.Postgres.Tests.History;

namespace Bastion.Store.Postgres.Tests;

/// <summary>
/// Two instances' inventories (each its own store connection and clock) on one database share a tenant's platform host
/// list: one listing per TTL serves both; an instance that changed something lists again for both; tenants stay apart;
/// without the store an instance lists for itself.
/// </summary>
public sealed class SharedHostListsTests(TestDatabase database) : IClassFixture<TestDatabase>, IDisposable
{
    private static readonly DateTimeOffset Start = new(2026, 12, 1, 0, 0, 0, TimeSpan.Zero);

    private readonly string _data = Directory.CreateTempSubdirectory("bastion-pg-hostlists-").FullName;

    // The class's tests share one database: each test lists for a tenant of its own, so no test reads another's list.
    private readonly string _tenant = "acme-" + Guid.NewGuid().ToString("N")[..8];

    public void Dispose() => Directory.Delete(_data, recursive: true);

    [PostgresFact]
    public async Task OneListing_ServesBothInstances_AndTheyListTheSameHosts()
    {
        var platform = new CountingPlatform("cloudways", "shop-01", "shop-02");
        var (a, b) = (await InstanceAsync(platform, _tenant), await InstanceAsync(platform, _tenant));

        await a.Inventory.RefreshAsync(CancellationToken.None);
        await b.Inventory.RefreshAsync(CancellationToken.None);
        await Task.WhenAll(a.Inventory.RefreshAsync(CancellationToken.None), b.Inventory.RefreshAsync(CancellationToken.None));

        platform.Lists.ShouldBe(1);
        b.Inventory.Hosts.Select(h => h.Name).ShouldBe(["local", "shop-01", "shop-02"]);
        b.Inventory.Get("shop-01").ShouldSatisfyAllConditions(
            h => h.SameAs(CountingPlatform.Server("shop-01")).ShouldBeTrue("the host comes back from the store whole: kind, address, user, groups, labels"));
    }

    [PostgresFact]
    public async Task InstancesRefreshingAtOnce_ListThePlatformOnce()
    {
        var platform = new CountingPlatform("cloudstack", "vm-01") { Pause = TimeSpan.FromMilliseconds(300) };
        var instances = new List<Instance>();
        for (var i = 0; i < 4; i++)
        {
            instances.Add(await InstanceAsync(platform, _tenant));
        }

        await Task.WhenAll(instances.Select(i => i.Inventory.RefreshAsync(CancellationToken.None)));

        platform.Lists.ShouldBe(1, "the others waited on the lock and read the list");
        instances.ShouldAllBe(i => i.Inventory.Hosts.Count == 2);
    }

    [PostgresFact]
    public async Task AnInstanceThatChangedSomething_ListsAgain_AndTheOtherGetsItsListWhenItsOwnExpires()
    {
        var platform = new CountingPlatform("cloudways", "shop-01");
        var (a, b) = (await InstanceAsync(platform, _tenant), await InstanceAsync(platform, _tenant));
        await a.Inventory.RefreshAsync(CancellationToken.None);
        await b.Inventory.RefreshAsync(CancellationToken.None);

        platform.Names = ["shop-01", "shop-02"];
        a.Inventory.Invalidate(); // after a call that may have changed the platform's servers
        await a.Inventory.RefreshAsync(CancellationToken.None);
        await b.Inventory.RefreshAsync(CancellationToken.None);
        var beforeExpiry = b.Inventory.Hosts.Count;
        b.Clock.Advance(MergedInventory.Ttl + TimeSpan.FromSeconds(1));
        await b.Inventory.RefreshAsync(CancellationToken.None);

        platform.Lists.ShouldBe(2);
        beforeExpiry.ShouldBe(2, "b keeps its own list for the TTL, as without a store");
        b.Inventory.Hosts.Select(h => h.Name).ShouldBe(["local", "shop-01", "shop-02"], "a's listing, read from the store");
    }

    [PostgresFact]
    public async Task AListOlderThanTheTtlInTheStore_IsListedAgain_AndAFailureIsNotedForBoth()
    {
        var platform = new CountingPlatform("cloudways", "shop-01");
        var (a, b) = (await InstanceAsync(platform, _tenant), await InstanceAsync(platform, _tenant));
        await a.Inventory.RefreshAsync(CancellationToken.None);

        await database.ScalarAsync("UPDATE host_lists SET listed = listed - interval '61 seconds'");
        platform.Failure = "Cloudways: cannot be reached";
        await b.Inventory.RefreshAsync(CancellationToken.None);
        a.Clock.Advance(MergedInventory.Ttl + TimeSpan.FromSeconds(1));
        await a.Inventory.RefreshAsync(CancellationToken.None);

        platform.Lists.ShouldBe(2, "b listed the stale list again; a read b's listing");
        foreach (var instance in new[] { a, b })
        {
            instance.Inventory.Hosts.Select(h => h.Name).ShouldBe(["local", "shop-01"]);
            instance.Inventory.Notes.ShouldHaveSingleItem().ShouldBe("cloudways hosts are from the last successful listing: Cloudways: cannot be reached");
        }
    }

    [PostgresFact]
    public async Task Tenants_ListTheirOwnPlatforms()
    {
        var (acmePlatform, globexPlatform) = (new CountingPlatform("cloudways", "shop-01"), new CountingPlatform("cloudways", "store-01"));
        var acme = await InstanceAsync(acmePlatform, "acme-" + Guid.NewGuid().ToString("N")[..6]);
        var globex = await InstanceAsync(globexPlatform, "globex-" + Guid.NewGuid().ToString("N")[..6]);

        await acme.Inventory.RefreshAsync(CancellationToken.None);
        await globex.Inventory.RefreshAsync(CancellationToken.None);

        (acmePlatform.Lists, globexPlatform.Lists).ShouldBe((1, 1));
        acme.Inventory.Hosts.Select(h => h.Name).ShouldBe(["local", "shop-01"]);
        globex.Inventory.Hosts.Select(h => h.Name).ShouldBe(["local", "store-01"]);
    }

    [PostgresFact]
    public async Task WithoutTheStore_AnInstanceListsForItself()
    {
        var platform = new CountingPlatform("cloudways", "shop-01");
        var gone = PostgresStore.Create(Connection.StoreLocation.FromConnectionString(new Npgsql.NpgsqlConnectionStringBuilder(database.ConnectionString) { Port = 1, Timeout = 2 }.ConnectionString));
        using var inventory = new MergedInventory(new FileInventory(new BastionPaths(_data)), [platform], new ManualClock(Start), new PostgresHostLists(gone, "acme"));

        await inventory.RefreshAsync(CancellationToken.None);

        platform.Lists.ShouldBe(1);
        inventory.Hosts.Select(h => h.Name).ShouldBe(["local", "shop-01"]);
        inventory.Notes.ShouldBeEmpty();
    }

    private async Task<Instance> InstanceAsync(CountingPlatform platform, string tenant)
    {
        var store = database.Store();
        await store.MigrateAsync(null, CancellationToken.None);
        var clock = new ManualClock(Start);
        return new Instance(new MergedInventory(new FileInventory(new BastionPaths(_data)), [platform], clock, new PostgresHostLists(store, tenant)), clock);
    }

    private sealed record Instance(MergedInventory Inventory, ManualClock Clock);

    /// <summary>A platform's host source that counts its listings (strict: a listing fails when told to).</summary>
    private sealed class CountingPlatform(string backend, params string[] names) : IHostSource
    {
        private int _lists;

        public string Backend => backend;

        public bool IsConfigured => true;

        public IReadOnlyList<string> Names { get; set; } = names;

        public string? Failure { get; set; }

        public TimeSpan Pause { get; init; }

        public int Lists => _lists;

        public static Host Server(string name) =>
            new(name, HostKind.Platform, $"{name}.example.net", 2222, "master", null, null, ["shop"], new Dictionary<string, string> { ["backend"] = "cloudways", ["region"] = "eu" });

        public async Task<IReadOnlyList<Host>> ListHostsAsync(CancellationToken cancellationToken)
        {
            Interlocked.Increment(ref _lists);
            await Task.Delay(Pause, cancellationToken);
            return Failure is { } failure ? throw new BastionException(failure) : Names.Select(Server).ToList();
        }
    }
}
