using Bastion.Core.Configuration;
using Bastion.Core.Inventory;
using Bastion.Core.Tests.Credentials;

namespace Bastion.Core.Tests.Inventory;

/// <summary>Hosts from platforms join the inventory file's: cached, refreshed when stale or invalidated, kept when a source fails.</summary>
public sealed class MergedInventoryTests : IDisposable
{
    private readonly string _data = Directory.CreateTempSubdirectory("bastion-merged-").FullName;
    private readonly ManualClock _clock = new(DateTimeOffset.Parse("2026-11-21T12:00:00Z", System.Globalization.CultureInfo.InvariantCulture));

    public void Dispose() => Directory.Delete(_data, recursive: true);

    [Fact]
    public async Task SourceHosts_AreCached_UntilStaleOrInvalidated()
    {
        var source = new Source("cloudstack", [Platform("web-01")]);
        using var inventory = new MergedInventory(new FileInventory(new BastionPaths(_data)), [source], _clock);

        await inventory.RefreshAsync(CancellationToken.None);
        await inventory.RefreshAsync(CancellationToken.None);
        inventory.Hosts.Select(h => h.Name).ShouldBe(["local", "web-01"]);
        source.Calls.ShouldBe(1);

        source.Hosts = [Platform("web-01"), Platform("web-02")];
        inventory.Invalidate();
        await inventory.RefreshAsync(CancellationToken.None);
        inventory.Hosts.Select(h => h.Name).ShouldBe(["local", "web-01", "web-02"]);
        source.Calls.ShouldBe(2);

        _clock.Advance(MergedInventory.Ttl + TimeSpan.FromSeconds(1));
        await inventory.RefreshAsync(CancellationToken.None);
        source.Calls.ShouldBe(3);
    }

    [Fact]
    public async Task AFailingSource_KeepsItsLastList_AndSaysWhy()
    {
        var source = new Source("cloudways", [Platform("shop")]);
        using var inventory = new MergedInventory(new FileInventory(new BastionPaths(_data)), [source], _clock);
        await inventory.RefreshAsync(CancellationToken.None);

        source.Failure = "Cloudways: cannot be reached";
        inventory.Invalidate();
        await inventory.RefreshAsync(CancellationToken.None);

        inventory.Hosts.Select(h => h.Name).ShouldBe(["local", "shop"]);
        inventory.Notes.ShouldHaveSingleItem().ShouldBe("cloudways hosts are from the last successful listing: Cloudways: cannot be reached");
    }

    [Fact]
    public async Task TheFile_WinsOverASource_ForTheSameName()
    {
        await InventoryFile.SaveAsync(new BastionPaths(_data).InventoryFile, [Host.Ssh("web-01", "10.0.0.5")], CancellationToken.None);
        using var inventory = new MergedInventory(new FileInventory(new BastionPaths(_data)), [new Source("cloudstack", [Platform("web-01"), Platform("db-01")])], _clock);

        await inventory.RefreshAsync(CancellationToken.None);

        inventory.Get("web-01").Kind.ShouldBe(HostKind.Ssh);
        inventory.Get("db-01").Kind.ShouldBe(HostKind.Platform);
    }

    [Fact]
    public async Task AnUnconfiguredSource_IsNotAsked()
    {
        var source = new Source("webops", [Platform("x")]) { Configured = false };
        using var inventory = new MergedInventory(new FileInventory(new BastionPaths(_data)), [source], _clock);

        await inventory.RefreshAsync(CancellationToken.None);

        source.Calls.ShouldBe(0);
        inventory.Hosts.Select(h => h.Name).ShouldBe(["local"]);
    }

    private static Host Platform(string name) =>
        new(name, HostKind.Platform, "192.0.2.10", null, null, null, null, [], new Dictionary<string, string> { ["backend"] = "test" });

    private sealed class Source(string backend, IReadOnlyList<Host> hosts) : IHostSource
    {
        public string Backend => backend;

        public bool Configured { get; init; } = true;

        public bool IsConfigured => Configured;

        public IReadOnlyList<Host> Hosts { get; set; } = hosts;

        public string? Failure { get; set; }

        public int Calls { get; private set; }

        public Task<IReadOnlyList<Host>> ListHostsAsync(CancellationToken cancellationToken)
        {
            Calls++;
            return Failure is { } failure ? throw new BastionException(failure) : Task.FromResult(Hosts);
        }
    }
}
