using Bastion.Testing;
using Bastion.Fakes.CloudStack;
using Bastion.Providers.CloudStack.Api;
using Bastion.Providers.CloudStack.Infrastructure;
using Bastion.Providers.CloudStack.Vms;

namespace Bastion.Providers.CloudStack.Tests;

/// <summary>The signed client against the strict fake: envelopes, errors, pagination.</summary>
public sealed class ClientTests : IAsyncLifetime
{
    private CloudStackFake _fake = null!;

    public async Task InitializeAsync() => _fake = await CloudStackFake.StartAsync();

    public async Task DisposeAsync() => await _fake.DisposeAsync();

    [Fact]
    public async Task Read_UnwrapsTheEnvelope_AndSendsASignedGetWithExpiry()
    {
        using var client = Clients.For(Clients.Keys(_fake));
        var zones = await client.ListAsync("listZones", "zone", Clients.None(), 100, Zone.From, CancellationToken.None);

        zones.Items.Select(z => z.Name).ShouldBe(["zone-a", "zone-b"]);
        zones.Total.ShouldBe(2);
        zones.Truncated.ShouldBeFalse();
        zones.Note.ShouldBeNull();
        zones.Items[1].SecurityGroupsEnabled.ShouldBe(true);
        var request = _fake.Requests.Single();
        request.Method.ShouldBe("GET");
        request.Query.ShouldContain("signatureVersion=3");
        request.Query.ShouldContain("expires=");
        request.Query.ShouldContain("signature=");
        request.Query.ShouldNotContain(_fake.Options.SecretKey);
    }

    [Fact]
    public async Task Read_WorksWithoutExpiry_WhenSignatureLifetimeIsOff()
    {
        using var client = Clients.For(Clients.Keys(_fake), options: Clients.Options with { SignatureLifetime = null });
        var zones = await client.ListAsync("listZones", "zone", Clients.None(), 100, Zone.From, CancellationToken.None);
        zones.Total.ShouldBe(2);
        _fake.Requests.Single().Query.ShouldNotContain("expires=");
    }

    [Fact]
    public async Task Read_SignsValuesWithSpacesStarsAndTildes_AsTheServerChecksThem()
    {
        using var client = Clients.For(Clients.Keys(_fake));
        var none = await client.ListAsync("listZones", "zone", Clients.With(("keyword", "a b*c ~(d)!é")), 100, Zone.From, CancellationToken.None);
        none.Items.ShouldBeEmpty();
    }

    [Fact]
    public async Task EmptyList_IsAnEmptyListWithTotalZero()
    {
        using var client = Clients.For(Clients.Keys(_fake));
        var vms = await client.ListAsync("listVirtualMachines", "virtualmachine", Clients.With(("keyword", "no-such-vm")), 100, VirtualMachine.From, CancellationToken.None);
        vms.Items.ShouldBeEmpty();
        vms.Total.ShouldBe(0);
        vms.Truncated.ShouldBeFalse();
    }

    [Fact]
    public async Task WrongSecret_IsRefusedWith401_AndTheMessageSaysWhatToCheck()
    {
        using var client = Clients.For(Clients.Keys(_fake, secret: "not-the-secret-key"));
        var error = await Should.ThrowAsync<PlatformException>(() => client.ReadAsync("listZones", Clients.None(), CancellationToken.None));
        error.Status.ShouldBe(401);
        error.Transient.ShouldBeFalse();
        error.Message.ShouldStartWith("CloudStack: listZones failed (errorcode 401, cserrorcode 9999): unable to verify user credentials and/or request signature.");
        error.Message.ShouldContain("cloudstack/secret-key");
        error.Message.ShouldNotContain("not-the-secret-key");
    }

    [Fact]
    public async Task UnknownApiKey_IsRefusedWith401()
    {
        using var client = Clients.For(Clients.Keys(_fake, apiKey: "someone-elses-key-000000"));
        var error = await Should.ThrowAsync<PlatformException>(() => client.ReadAsync("listZones", Clients.None(), CancellationToken.None));
        error.Status.ShouldBe(401);
    }

    [Fact]
    public async Task ExpiredSignature_IsRefusedWith401()
    {
        var behind = new ManualClock(DateTimeOffset.UtcNow - TimeSpan.FromMinutes(30));
        using var client = Clients.For(Clients.Keys(_fake), clock: behind);
        var error = await Should.ThrowAsync<PlatformException>(() => client.ReadAsync("listZones", Clients.None(), CancellationToken.None));
        error.Status.ShouldBe(401);
        error.Message.ShouldContain("clock");

        behind.Advance(TimeSpan.FromMinutes(30));
        (await client.ReadAsync("listZones", Clients.None(), CancellationToken.None)).GetProperty("count").GetInt32().ShouldBe(2);
    }

    [Fact]
    public async Task UnknownCommand_Is432_WithCloudStacksText()
    {
        using var client = Clients.For(Clients.Keys(_fake));
        var error = await Should.ThrowAsync<PlatformException>(() => client.ReadAsync("listFlyingSaucers", Clients.None(), CancellationToken.None));
        error.Status.ShouldBe(432);
        error.Message.ShouldContain("errorcode 432");
        error.Message.ShouldContain("'listFlyingSaucers' either does not exist, is not available for user");
    }

    [Fact]
    public async Task MissingParameter_Is431_NamingTheParameter()
    {
        using var client = Clients.For(Clients.Keys(_fake));
        var error = await Should.ThrowAsync<PlatformException>(() => client.ReadAsync("listTemplates", Clients.None(), CancellationToken.None));
        error.Status.ShouldBe(431);
        error.Message.ShouldContain("missing parameter templatefilter");
        error.Message.ShouldContain("A parameter is missing or invalid.");
    }

    [Fact]
    public async Task PageSizeWithoutPage_Is431_AsCloudStackRequiresBoth()
    {
        using var client = Clients.For(Clients.Keys(_fake));
        var error = await Should.ThrowAsync<PlatformException>(() => client.ReadAsync("listZones", Clients.With(("pagesize", "1")), CancellationToken.None));
        error.Status.ShouldBe(431);
        error.Message.ShouldContain("\"page\" parameter is required when \"pagesize\" is specified");
    }

    [Fact]
    public async Task List_FollowsPages_UntilCount_WithPageAndPageSizeTogether()
    {
        using var client = Clients.For(Clients.Keys(_fake), options: Clients.Options with { MaxPageSize = 2 });
        var vms = await client.ListAsync("listVirtualMachines", "virtualmachine", Clients.None(), 100, VirtualMachine.From, CancellationToken.None);

        vms.Items.Select(v => v.Name).ShouldBe(["web-01", "web-02", "db-01", "app", "app", "batch-01"]);
        vms.Total.ShouldBe(6);
        vms.Truncated.ShouldBeFalse();
        var pages = _fake.Requests.Where(r => r.Command == "listVirtualMachines").ToList();
        pages.Count.ShouldBe(3);
        pages.Select(p => p.Query).ShouldAllBe(q => q.Contains("pagesize=2"));
        pages[2].Query.ShouldContain("page=3");
    }

    [Fact]
    public async Task List_StopsAtTheLimit_AndSaysHowToSeeMore()
    {
        using var client = Clients.For(Clients.Keys(_fake), options: Clients.Options with { MaxPageSize = 2 });
        var vms = await client.ListAsync("listVirtualMachines", "virtualmachine", Clients.None(), 3, VirtualMachine.From, CancellationToken.None);

        vms.Items.Count.ShouldBe(3);
        vms.Total.ShouldBe(6);
        vms.Truncated.ShouldBeTrue();
        vms.Note.ShouldBe("Showing 3 of 6; raise limit (up to 1000) or narrow the filters to see others.");
        _fake.Count("listVirtualMachines").ShouldBe(2);
    }

    [Fact]
    public async Task List_IsCutAtMaxItems_WithAClearNote()
    {
        for (var i = 0; i < 20; i++)
        {
            _fake.Cloud.AddVm($"extra-{i:00}");
        }

        using var client = Clients.For(Clients.Keys(_fake), http: Clients.Http with { MaxItems = 10 }, options: Clients.Options with { MaxPageSize = 4 });
        var vms = await client.ListAsync("listVirtualMachines", "virtualmachine", Clients.None(), 1000, VirtualMachine.From, CancellationToken.None);

        vms.Items.Count.ShouldBe(10);
        vms.Total.ShouldBe(26);
        vms.Note.ShouldBe("Cut at 10 items, the most one listing gathers; CloudStack reports 26. Narrow the filters (zone, keyword, state…) to see the rest.");
        _fake.Count("listVirtualMachines").ShouldBe(3);
    }

    [Fact]
    public async Task ListAll_ShowsOtherAccountsVms()
    {
        using var client = Clients.For(Clients.Keys(_fake));
        var own = await client.ListAsync("listVirtualMachines", "virtualmachine", Clients.None(), 100, VirtualMachine.From, CancellationToken.None);
        var all = await client.ListAsync("listVirtualMachines", "virtualmachine", Clients.With(("listall", "true")), 100, VirtualMachine.From, CancellationToken.None);
        own.Items.ShouldNotContain(v => v.Name == "billing-01");
        all.Items.ShouldContain(v => v.Name == "billing-01" && v.Account == FakeSeed.OtherAccount);
    }

    [Fact]
    public async Task VirtualMachine_MapsNicsUnitsAndTimes()
    {
        using var client = Clients.For(Clients.Keys(_fake));
        var vm = (await client.ListAsync("listVirtualMachines", "virtualmachine", Clients.With(("id", FakeSeed.VmDb01)), 10, VirtualMachine.From, CancellationToken.None)).Items.Single();
        vm.Name.ShouldBe("db-01");
        vm.State.ShouldBe("Stopped");
        vm.MemoryMb.ShouldBe(8192);
        vm.CpuNumber.ShouldBe(4);
        vm.IpAddress.ShouldBe("10.1.1.20");
        vm.Nics.Single().IsDefault.ShouldBeTrue();
        vm.ZoneName.ShouldBe("zone-a");
        vm.Created!.Value.Offset.ShouldBe(TimeSpan.Zero);
    }

    [Fact]
    public async Task NotConfigured_SettingsSayWhichVaultCommandsToRun()
    {
        using var client = new CloudStackClient(
            () => throw new PlatformException(CloudStackClient.Platform, CloudStackSettings.NotConfigured("acme", ["cloudstack/url"])),
            () => false,
            Clients.Http,
            Clients.Options,
            TimeProvider.System,
            new Core.Secrets.Redactor(),
            Microsoft.Extensions.Logging.Abstractions.NullLogger<CloudStackClient>.Instance);
        client.IsConfigured.ShouldBeFalse();
        var error = await Should.ThrowAsync<PlatformException>(() => client.ReadAsync("listZones", Clients.None(), CancellationToken.None));
        error.Message.ShouldContain("not configured for tenant 'acme': missing cloudstack/url");
        error.Message.ShouldContain("bastion vault set cloudstack/url --tenant acme");
        error.Message.ShouldContain("bastion vault set cloudstack/secret-key --tenant acme");
        _fake.Requests.ShouldBeEmpty();
    }
}
