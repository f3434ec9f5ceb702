using Bastion.Core.Inventory;
using Bastion.Providers.Cloudways.Hosts;
using Microsoft.Extensions.DependencyInjection;

namespace Bastion.Providers.Cloudways.Tests;

/// <summary>Cloudways servers as Bastion hosts.</summary>
public sealed class HostSourceTests
{
    [Fact]
    public async Task Servers_BecomePlatformHosts_LabelledWithWhatCloudwaysKnows()
    {
        await using var h = await Harness.StartAsync();
        var source = h.Services.GetServices<IHostSource>().Single(s => s.Backend == "cloudways");
        source.IsConfigured.ShouldBeTrue();

        var hosts = await source.ListHostsAsync(CancellationToken.None);

        hosts.Select(x => x.Name).ShouldBe(["prod-do", "staging-vultr"], "the terminated server is left out");
        var prod = hosts[0];
        prod.Kind.ShouldBe(HostKind.Platform);
        prod.Address.ShouldBe("203.0.113.10");
        prod.User.ShouldBe("master_50482");
        prod.Labels.ShouldBe(new Dictionary<string, string>
        {
            ["backend"] = "cloudways",
            ["provider"] = "do",
            ["region"] = "lon1",
            ["size"] = "2GB",
            ["status"] = "running",
            ["id"] = "50482",
            ["project"] = "Shop",
        });
        hosts[1].Labels["project"].ShouldBe("Staging");
    }

    [Fact]
    public async Task WithoutCredentials_TheSourceIsSkipped()
    {
        await using var h = await Harness.StartAsync(new Dictionary<string, string>());

        h.Services.GetServices<IHostSource>().Single(s => s.Backend == "cloudways").IsConfigured.ShouldBeFalse();
    }

    [Fact]
    public void HostNames_FollowTheLabel_AndAddTheIdWhenNeeded()
    {
        var names = CloudwaysHostNames.For([(1, "Prod DO"), (2, "web 1"), (3, "Web-1"), (4, "  "), (5, "local"), (6, "Ünïcode shop!"), (7, "-.lead")]);

        names.ShouldBe(new Dictionary<long, string>
        {
            [1] = "prod-do",
            [2] = "web-1-2",
            [3] = "web-1-3",
            [4] = "cloudways-4",
            [5] = "local-5",
            [6] = "n-code-shop",
            [7] = "lead",
        });
        names.Values.ShouldAllBe(n => HostNames.IsValid(n));
    }
}
