using Bastion.Core.Policy;

namespace Bastion.Providers.Cloudways.Tests.DayTwo;

/// <summary>Services and caches (cloudways_server services, cloudways_server_change, cloudways_app_change) through the real pipeline against the fake.</summary>
public sealed class ServiceControlTests
{
    [Fact]
    public async Task Services_ListEachServiceState_AndTheAppsVarnish()
    {
        await using var s = await DayTwoSession.StartAsync();

        var result = (await s.OkAsync("cloudways_server", new() { ["server_id"] = 50482, ["resource"] = "services", ["app_id"] = 131933 })).GetProperty("data");

        var services = result.GetProperty("data").GetProperty("services");
        services.GetProperty("nginx").GetString().ShouldBe("running");
        services.GetProperty("redis-server").GetString().ShouldBe("stopped");
        result.GetProperty("data").GetProperty("app_varnish").GetProperty("varnish_app").GetString().ShouldBe("enable");
        s.Asked.ShouldBeEmpty();
    }

    [Fact]
    public async Task ServiceControl_AsksFirst_ThenStopsTheService_AndReportsItsNewState()
    {
        await using var s = await DayTwoSession.StartAsync();

        var result = (await s.OkAsync("cloudways_server_change", new() { ["server_id"] = 50482, ["service"] = "nginx", ["action"] = "service_stop" })).GetProperty("change");

        s.Asked.ShouldHaveSingleItem().ShouldContain("cloudways_server_change");
        s.Prod.Services["nginx"].ShouldBe("stopped");
        result.GetProperty("call").GetString().ShouldBe("POST /service/state");
        result.GetProperty("state").GetString().ShouldBe("completed");
        result.GetProperty("answer").GetProperty("service_status").GetProperty("status").GetString().ShouldBe("stopped");
        s.H.AuditText().ShouldContain("cloudways_server_change");
    }

    [Fact]
    public async Task ServiceControl_Declined_SendsNothing()
    {
        await using var s = await DayTwoSession.StartAsync();
        s.Decline = true;

        var result = await s.H.Client.CallToolAsync("cloudways_server_change", new Dictionary<string, object?> { ["server_id"] = 50482, ["service"] = "mysql", ["action"] = "service_restart" });

        DayTwoSession.Text(result).ShouldBe("The user declined; nothing ran.");
        s.Sent("POST", "/service/state").ShouldBeEmpty();
        s.Prod.Services["mysql"].ShouldBe("running");
    }

    [Fact]
    public async Task ServiceControl_AnUnknownService_IsCloudwaysRefusal_NamingTheField()
    {
        await using var s = await DayTwoSession.StartAsync();

        var text = await s.ErrorAsync("cloudways_server_change", new() { ["server_id"] = 50482, ["service"] = "postgresql", ["action"] = "service_start" });

        text.ShouldContain("422");
        text.ShouldContain("service: The selected service is invalid.");
    }

    [Fact]
    public async Task ServiceControl_WithoutElicitation_ReturnsAPlan_AndSendsNothing()
    {
        await using var s = await DayTwoSession.StartAsync(elicitation: false);

        var text = await s.ErrorAsync("cloudways_server_change", new() { ["server_id"] = 50482, ["service"] = "nginx", ["action"] = "service_restart" });

        text.ShouldStartWith("Confirmation required: nothing ran yet.");
        s.Sent("POST", "/service/state").ShouldBeEmpty();
    }

    [Fact]
    public async Task Cache_SwitchesVarnish_ForTheServer_AndForOneApp_AndPurgesAnApp()
    {
        await using var s = await DayTwoSession.StartAsync();

        await s.OkAsync("cloudways_server_change", new() { ["server_id"] = 50482, ["action"] = "varnish_disable" });
        await s.OkAsync("cloudways_app_change", new() { ["server_id"] = 50482, ["app_id"] = 131934, ["action"] = "varnish_disable" });
        await s.OkAsync("cloudways_server_change", new() { ["server_id"] = 50482, ["action"] = "varnish_purge" });
        await s.OkAsync("cloudways_app_change", new() { ["server_id"] = 50482, ["app_id"] = 131933, ["action"] = "cache_purge" });

        s.Prod.VarnishEnabled.ShouldBeFalse();
        s.Prod.Apps[1].VarnishEnabled.ShouldBeFalse();
        s.Shop.VarnishEnabled.ShouldBeTrue();
        s.Prod.VarnishPurges.ShouldBe(1);
        s.Shop.CachePurges.ShouldBe(1);
        s.Asked.Count.ShouldBe(4);
    }

    [Fact]
    public async Task Cache_AppPurgeWithoutAnApp_IsRefused_BeforeAnythingIsSent()
    {
        await using var s = await DayTwoSession.StartAsync();

        var text = await s.ErrorAsync("cloudways_app_change", new() { ["server_id"] = 50482, ["action"] = "cache_purge" });

        text.ShouldContain("app_id");
        s.Sent("POST", "/app/cache/purge").ShouldBeEmpty();
    }

    [Fact]
    public async Task ReadOnlyMode_ListsTheReadTools_AndNoneOfTheChangeTools()
    {
        await using var s = await DayTwoSession.StartAsync(mode: Mode.ReadOnly);

        var names = (await s.H.Client.ListToolsAsync()).Select(t => t.Name).ToList();

        names.ShouldContain("cloudways_list");
        names.ShouldContain("cloudways_server");
        names.ShouldContain("cloudways_app");
        foreach (var change in new[] { "cloudways_server_change", "cloudways_app_change", "cloudways_server_start", "cloudways_alert_mark_read" })
        {
            names.ShouldNotContain(change);
        }
    }
}
