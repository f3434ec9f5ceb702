using Bastion.Core.Policy;

namespace Bastion.Providers.Cloudways.Tests.DayTwo;

/// <summary>cloudways_services, cloudways_service_control and cloudways_cache through the real pipeline against the fake.</summary>
public sealed class ServiceControlTests
{
    [Fact]
    public async Task Services_ListEachServiceState_AndTheAppsVarnish()
    {
        await using var s = await DayTwoSession.StartAsync();

        var result = await s.OkAsync("cloudways_services", new() { ["server_id"] = 50482, ["app_id"] = 131933 });

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

        var result = await s.OkAsync("cloudways_service_control", new() { ["server_id"] = 50482, ["service"] = "nginx", ["action"] = "stop" });

        s.Asked.ShouldHaveSingleItem().ShouldContain("cloudways_service_control");
        s.Prod.Services["nginx"].ShouldBe("stopped");
        result.GetProperty("call").GetString().ShouldBe("POST /service/state");
        result.GetProperty("state").GetString().ShouldBe("completed");
        result.GetProperty("answer").GetProperty("service_status").GetProperty("status").GetString().ShouldBe("stopped");
        s.H.AuditText().ShouldContain("cloudways_service_control");
    }

    [Fact]
    public async Task ServiceControl_Declined_SendsNothing()
    {
        await using var s = await DayTwoSession.StartAsync();
        s.Decline = true;

        var result = await s.H.Client.CallToolAsync("cloudways_service_control", new Dictionary<string, object?> { ["server_id"] = 50482, ["service"] = "mysql", ["action"] = "restart" });

        DayTwoSession.Text(result).ShouldBe("The user declined; nothing ran.");
        s.Sent("POST", "/service/state").ShouldBeEmpty();
        s.Prod.Services["mysql"].ShouldBe("running");
    }

    [Fact]
    public async Task ServiceControl_AnUnknownService_IsCloudwaysRefusal_NamingTheField()
    {
        await using var s = await DayTwoSession.StartAsync();

        var text = await s.ErrorAsync("cloudways_service_control", new() { ["server_id"] = 50482, ["service"] = "postgresql", ["action"] = "start" });

        text.ShouldContain("422");
        text.ShouldContain("service: The selected service is invalid.");
    }

    [Fact]
    public async Task ServiceControl_WithoutElicitation_ReturnsAPlan_AndSendsNothing()
    {
        await using var s = await DayTwoSession.StartAsync(elicitation: false);

        var text = await s.ErrorAsync("cloudways_service_control", new() { ["server_id"] = 50482, ["service"] = "nginx", ["action"] = "restart" });

        text.ShouldStartWith("Confirmation required: nothing ran yet.");
        s.Sent("POST", "/service/state").ShouldBeEmpty();
    }

    [Fact]
    public async Task Cache_SwitchesVarnish_ForTheServer_AndForOneApp_AndPurgesAnApp()
    {
        await using var s = await DayTwoSession.StartAsync();

        await s.OkAsync("cloudways_cache", new() { ["server_id"] = 50482, ["action"] = "varnish_disable" });
        await s.OkAsync("cloudways_cache", new() { ["server_id"] = 50482, ["app_id"] = 131934, ["action"] = "varnish_disable" });
        await s.OkAsync("cloudways_cache", new() { ["server_id"] = 50482, ["action"] = "varnish_purge" });
        await s.OkAsync("cloudways_cache", new() { ["server_id"] = 50482, ["app_id"] = 131933, ["action"] = "app_purge" });

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

        var text = await s.ErrorAsync("cloudways_cache", new() { ["server_id"] = 50482, ["action"] = "app_purge" });

        text.ShouldContain("action 'app_purge' acts on one app: give app_id");
        s.Sent("POST", "/app/cache/purge").ShouldBeEmpty();
    }

    [Fact]
    public async Task ReadOnlyMode_ListsTheReadTools_AndNoneOfTheChangeTools()
    {
        await using var s = await DayTwoSession.StartAsync(mode: Mode.ReadOnly);

        var names = (await s.H.Client.ListToolsAsync()).Select(t => t.Name).ToList();

        names.ShouldContain("cloudways_services");
        names.ShouldContain("cloudways_backups");
        names.ShouldContain("cloudways_git");
        names.ShouldContain("cloudways_whitelist");
        foreach (var change in new[] { "cloudways_service_control", "cloudways_cache", "cloudways_backup_change", "cloudways_ssl", "cloudways_app_domain", "cloudways_git_deploy", "cloudways_whitelist_change", "cloudways_maintenance" })
        {
            names.ShouldNotContain(change);
        }
    }
}
