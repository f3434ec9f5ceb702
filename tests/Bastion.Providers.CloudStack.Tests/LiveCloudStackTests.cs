using Bastion.Core.Secrets;
using Bastion.Providers.CloudStack.Api;
using Bastion.Providers.CloudStack.Infrastructure;
using Bastion.Providers.CloudStack.Monitoring;
using Bastion.Providers.CloudStack.Vms;

namespace Bastion.Providers.CloudStack.Tests;

/// <summary>
/// The client against a real CloudStack, opt-in: set <c>BASTION_LIVE_CLOUDSTACK_URL</c> (the API endpoint, e.g.
/// https://cloud.example.com/client/api), <c>BASTION_LIVE_CLOUDSTACK_API_KEY</c> and
/// <c>BASTION_LIVE_CLOUDSTACK_SECRET_KEY</c>. Without them every test here is skipped. Only read-only calls are made
/// (list commands, a refused signature); nothing is created, changed or deleted. Use a key of a user that may list
/// zones, templates, offerings, networks, VMs, volumes and events.
/// </summary>
public sealed class LiveCloudStackTests : IDisposable
{
    private readonly Redactor _redactor = new();
    private readonly CloudStackClient? _client;

    public LiveCloudStackTests()
    {
        if (LiveFactAttribute.Configured)
        {
            _client = Clients.For(Settings(), http: new PlatformHttpOptions(), options: new CloudStackOptions(), redactor: _redactor);
        }
    }

    private static CloudStackSettings Settings(string? secret = null) => CloudStackSettings.WithKeys(
        new Uri(Environment.GetEnvironmentVariable(LiveFactAttribute.UrlVariable)!),
        Environment.GetEnvironmentVariable(LiveFactAttribute.ApiKeyVariable)!,
        secret ?? Environment.GetEnvironmentVariable(LiveFactAttribute.SecretKeyVariable)!);

    public void Dispose() => _client?.Dispose();

    [LiveFact]
    public async Task Live_ListZones_IsSignedAndAnswered()
    {
        var zones = await _client!.ListAsync("listZones", "zone", Clients.None(), 50, Zone.From, CancellationToken.None);
        zones.Total.ShouldBeGreaterThanOrEqualTo(zones.Items.Count);
        zones.Items.ShouldAllBe(z => z.Id.Length > 0);
    }

    [LiveFact]
    public async Task Live_ReadOnlyListings_AllAnswer()
    {
        var none = Clients.None();
        (await _client!.ListAsync("listTemplates", "template", Clients.With(("templatefilter", "executable")), 5, Template.From, CancellationToken.None)).Items.Count.ShouldBeLessThanOrEqualTo(5);
        (await _client.ListAsync("listServiceOfferings", "serviceoffering", none, 5, ServiceOffering.From, CancellationToken.None)).Items.Count.ShouldBeLessThanOrEqualTo(5);
        (await _client.ListAsync("listNetworks", "network", none, 5, Network.From, CancellationToken.None)).Items.Count.ShouldBeLessThanOrEqualTo(5);
        (await _client.ListAsync("listVirtualMachines", "virtualmachine", none, 5, VirtualMachine.From, CancellationToken.None)).Items.Count.ShouldBeLessThanOrEqualTo(5);
        (await _client.ListAsync("listVolumes", "volume", none, 5, Volume.From, CancellationToken.None)).Items.Count.ShouldBeLessThanOrEqualTo(5);
        (await _client.ListAsync("listEvents", "event", none, 5, CloudStackEvent.From, CancellationToken.None)).Items.Count.ShouldBeLessThanOrEqualTo(5);
    }

    [LiveFact]
    public async Task Live_PaginationWithPageSizeOne_GathersSeveralPages()
    {
        using var client = Clients.For(Settings(), http: new PlatformHttpOptions(), options: new CloudStackOptions { MaxPageSize = 1 });
        var templates = await client.ListAsync("listTemplates", "template", Clients.With(("templatefilter", "executable")), 3, Template.From, CancellationToken.None);
        templates.Items.Count.ShouldBe(Math.Min(3, templates.Total));
        templates.Items.Select(t => (t.Id, t.ZoneId)).Distinct().Count().ShouldBe(templates.Items.Count);
    }

    [LiveFact]
    public async Task Live_AWrongSecret_IsRefusedWith401()
    {
        using var client = Clients.For(Settings(secret: "bastion-live-test-wrong-secret"), http: new PlatformHttpOptions { Retries = 0 }, options: new CloudStackOptions());
        var error = await Should.ThrowAsync<PlatformException>(() => client.ReadAsync("listZones", Clients.None(), CancellationToken.None));
        error.Status.ShouldBe(401);
    }

    [LiveFact]
    public async Task Live_UnexpiringSignatures_AreAcceptedToo()
    {
        using var client = Clients.For(Settings(), http: new PlatformHttpOptions(), options: new CloudStackOptions { SignatureLifetime = null });
        (await client.ListAsync("listZones", "zone", Clients.None(), 1, Zone.From, CancellationToken.None)).Total.ShouldBeGreaterThanOrEqualTo(0);
    }
}
