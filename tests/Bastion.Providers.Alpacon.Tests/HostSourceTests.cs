using Bastion.Core.Inventory;
using Bastion.Fakes.Alpacon;
using Bastion.Providers.Alpacon.Hosts;
using Microsoft.Extensions.DependencyInjection;

namespace Bastion.Providers.Alpacon.Tests;

/// <summary>Alpacon servers as Bastion hosts.</summary>
public sealed class HostSourceTests
{
    [Fact]
    public async Task Servers_BecomePlatformHosts_LabelledWithTheirWorkspaceAndId()
    {
        await using var harness = await AlpaconHarness.StartAsync();
        var inventory = harness.Services.GetRequiredService<IInventory>();
        await inventory.RefreshAsync(CancellationToken.None);
        inventory.Notes.ShouldBeEmpty();
        var web = inventory.Get("web-01");
        web.Kind.ShouldBe(HostKind.Platform);
        web.Groups.ShouldBe(["alpacon"]);
        web.Address.ShouldBe("198.51.100.7");
        web.Labels["backend"].ShouldBe("alpacon");
        web.Labels["workspace"].ShouldBe("acme");
        web.Labels["alpacon_id"].ShouldBe(harness.Fake.Servers[0].Id);
        web.Labels["os"].ShouldBe("debian");
        web.Labels["connected"].ShouldBe("true");
        inventory.Get("db-01").Labels["alpacon_id"].ShouldBe(harness.Fake.Servers[1].Id);
    }

    [Fact]
    public async Task AWorkspaceThatRefusesTheToken_LeavesANote_NotHosts()
    {
        await using var harness = await AlpaconHarness.StartAsync(token: "alpat-refused-0000000");
        var inventory = harness.Services.GetRequiredService<IInventory>();
        await inventory.RefreshAsync(CancellationToken.None);
        inventory.Hosts.ShouldBeEmpty();
        inventory.Notes.Single().ShouldContain("refused the API token");
        inventory.Notes.Single().ShouldNotContain("alpat-refused-0000000");
    }

    [Fact]
    public void Names_FitTheHostNameRule_AndSharedNamesAreQualified()
    {
        AlpaconServer Server(string workspace, string id, string name) => new(workspace, id, name, null, true, null, null, null, null, null, null, null);
        var names = AlpaconHostNames.Assign(
        [
            Server("acme", "11111111-aaaa", "web 01"),
            Server("beta", "22222222-bbbb", "web 01"),
            Server("beta", "33333333-cccc", "web 01"),
            Server("acme", "44444444-dddd", "all"),
            Server("acme", "55555555-eeee", "db-01"),
        ]).Select(a => a.Name).ToList();
        names.ShouldBe(["web-01.acme", "web-01.beta-22222222", "web-01.beta-33333333", "alpacon-all", "db-01"]);
        names.ShouldAllBe(n => HostNames.IsValid(n));
    }

    [Fact]
    public async Task AnInventoryHostOfTheSameName_Wins()
    {
        await using var fake = await AlpaconFake.StartAsync();
        await using var harness = await AlpaconHarness.StartAsync(fake: fake, inventory: [Host.Ssh("web-01", "127.0.0.1")]);
        var inventory = harness.Services.GetRequiredService<IInventory>();
        await inventory.RefreshAsync(CancellationToken.None);
        inventory.Get("web-01").Kind.ShouldBe(HostKind.Ssh);
        inventory.Get("db-01").Kind.ShouldBe(HostKind.Platform);
    }
}
