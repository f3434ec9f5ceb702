using Bastion.Core.Inventory;
using Bastion.Fakes.CloudStack;
using Bastion.Providers.CloudStack.Hosts;
using Microsoft.Extensions.Logging.Abstractions;

namespace Bastion.Providers.CloudStack.Tests;

/// <summary>VMs as hosts: names, kinds, addresses, labels, the SSH mapping.</summary>
public sealed class HostSourceTests : IAsyncLifetime
{
    private CloudStackFake _fake = null!;

    public async Task InitializeAsync() => _fake = await CloudStackFake.StartAsync();

    public async Task DisposeAsync() => await _fake.DisposeAsync();

    [Fact]
    public async Task WithoutAnSshUser_VmsArePlatformHosts()
    {
        using var client = Clients.For(Clients.Keys(_fake));
        var hosts = await new CloudStackHostSource(client, NullLogger<CloudStackHostSource>.Instance).ListHostsAsync(CancellationToken.None);
        hosts.ShouldAllBe(h => h.Kind == HostKind.Platform && h.User == null);
        hosts.Select(h => h.Name).ShouldBe(["web-01", "web-02", "db-01", "app-a3d2e4f6", "app-b4d2e4f6", "batch-01"]);
        hosts.ShouldAllBe(h => HostNames.IsValid(h.Name));
    }

    [Fact]
    public async Task WithAnSshUser_VmsWithAnAddressAreSshHosts_AsThatUser()
    {
        using var client = Clients.For(Clients.Keys(_fake, sshUser: "cloud-user"));
        var hosts = (await new CloudStackHostSource(client, NullLogger<CloudStackHostSource>.Instance).ListHostsAsync(CancellationToken.None)).ToDictionary(h => h.Name);
        (hosts["web-01"].Kind, hosts["web-01"].User, hosts["web-01"].Address).ShouldBe((HostKind.Ssh, "cloud-user", "10.1.1.11"));
        hosts["web-01"].Labels["backend"].ShouldBe("cloudstack");
        (hosts["batch-01"].Kind, hosts["batch-01"].User).ShouldBe((HostKind.Platform, null), "no address, nothing to reach by SSH");
    }

    [Fact]
    public async Task DestroyedVms_AreNotHosts()
    {
        _fake.Cloud.AddVm("old-01", state: "Destroyed");
        using var client = Clients.For(Clients.Keys(_fake));
        var hosts = await new CloudStackHostSource(client, NullLogger<CloudStackHostSource>.Instance).ListHostsAsync(CancellationToken.None);
        hosts.ShouldNotContain(h => h.Name == "old-01");
    }

    [Fact]
    public async Task AFailingCloud_BecomesANoteInTheInventory_NotAnError()
    {
        using var client = Clients.For(Clients.Keys(_fake, secret: "wrong-secret-key-0000"));
        var source = new CloudStackHostSource(client, NullLogger<CloudStackHostSource>.Instance);
        var dir = Directory.CreateTempSubdirectory("bastion-cs-inv-").FullName;
        try
        {
            using var inventory = new MergedInventory(new FileInventory(new Core.Configuration.BastionPaths(dir), true), [source], TimeProvider.System);
            await inventory.RefreshAsync(CancellationToken.None);
            inventory.Hosts.Select(h => h.Name).ShouldBe(["local"]);
            inventory.Notes.ShouldHaveSingleItem().ShouldContain("cloudstack hosts are missing: CloudStack: listVirtualMachines failed (errorcode 401");
        }
        finally
        {
            Directory.Delete(dir, true);
        }
    }

    [Theory]
    [InlineData("web-01", "web-01")]
    [InlineData("Mail Server #1", "Mail-Server-1")]
    [InlineData("  spaced  ", "spaced")]
    [InlineData("-lead", "lead")]
    [InlineData("_under", "vm-_under")]
    [InlineData("local", "vm-local")]
    [InlineData("all", "vm-all")]
    [InlineData("雲", "vm-12345678")]
    [InlineData(null, "vm-12345678")]
    public void Sanitise_MakesAValidHostName(string? name, string expected)
    {
        HostNaming.Sanitise(name, "12345678-aaaa-bbbb").ShouldBe(expected);
        HostNames.IsValid(expected).ShouldBeTrue();
    }

    [Fact]
    public void Sanitise_CutsLongNamesTo63()
    {
        var name = HostNaming.Sanitise(new string('a', 80), "x");
        name.Length.ShouldBe(63);
        HostNames.IsValid(name).ShouldBeTrue();
    }

    [Fact]
    public void Assign_GivesEveryClashingVmItsIdSuffix_IndependentOfOrder()
    {
        (string, string?)[] vms = [("aaaaaaaa-1", "app"), ("bbbbbbbb-2", "web"), ("cccccccc-3", "app")];
        var names = HostNaming.Assign(vms);
        names.ShouldBe(["app-aaaaaaaa", "web", "app-cccccccc"]);
        HostNaming.Assign([.. vms.Reverse()]).ShouldBe(["app-cccccccc", "web", "app-aaaaaaaa"]);
    }

    [Fact]
    public void Assign_KeepsNamesUnique_WhenASuffixedNameMeetsARealOne()
    {
        var names = HostNaming.Assign([("aaaaaaaa-1", "app"), ("cccccccc-3", "app"), ("dddddddd-4", "app-aaaaaaaa")]);
        names.Distinct(StringComparer.Ordinal).Count().ShouldBe(3);
        names.ShouldAllBe(n => HostNames.IsValid(n));
    }
}
