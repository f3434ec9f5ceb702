using Bastion.Core.Inventory;
using Bastion.Providers.Cloudways.Alerts;
using Bastion.Providers.Cloudways.Api;
using Bastion.Providers.Cloudways.Servers;
using Bastion.Providers.Cloudways.Status;
using Microsoft.Extensions.DependencyInjection;

namespace Bastion.Providers.Cloudways.Tests;

/// <summary>
/// The same client against a real Cloudways account, read-only calls only (nothing is started, stopped, restarted or
/// marked read). Opt in with the environment variables of <see cref="LiveCloudways"/>.
/// </summary>
public sealed class LiveTests
{
    private static Task<Harness> StartAsync() => Harness.StartLiveAsync(LiveCloudways.Vault(), new CloudwaysOptions
    {
        Http = new PlatformHttpOptions { AttemptTimeout = TimeSpan.FromSeconds(30), Retries = 2 },
        PollInterval = TimeSpan.FromSeconds(5),
        PollTimeout = TimeSpan.FromMinutes(3),
    });

    [LiveFact]
    public async Task Live_Status_IsAuthenticated()
    {
        await using var h = await StartAsync();

        var status = await h.Get<CloudwaysStatusTools>().StatusAsync();

        status.Error.ShouldBeNull();
        status.Authenticated.ShouldBe(true);
    }

    [LiveFact]
    public async Task Live_Servers_List_AndBecomeHosts()
    {
        await using var h = await StartAsync();

        var servers = await h.Get<CloudwaysServers>().ListAsync(CancellationToken.None);
        var hosts = await h.Services.GetServices<IHostSource>().Single(s => s.Backend == "cloudways").ListHostsAsync(CancellationToken.None);

        hosts.Count.ShouldBeLessThanOrEqualTo(servers.Count);
        hosts.ShouldAllBe(x => x.Labels["backend"] == "cloudways" && HostNames.IsValid(x.Name));
    }

    [LiveFact]
    public async Task Live_AccountAndDiscovery_Answer()
    {
        await using var h = await StartAsync();
        var client = h.Get<CloudwaysClient>();

        (await client.GetAsync("/project", CancellationToken.None)).TryGetProperty("projects", out _).ShouldBeTrue();
        (await client.GetAsync("/providers", CancellationToken.None)).TryGetProperty("providers", out _).ShouldBeTrue();
        (await h.Get<CloudwaysAlerts>().ListAsync(5, CancellationToken.None)).Alerts.Count.ShouldBeLessThanOrEqualTo(5);
    }
}
