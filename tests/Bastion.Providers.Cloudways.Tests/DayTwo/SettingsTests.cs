using Bastion.Fakes.Cloudways;
using Bastion.Providers.Cloudways.Api;
using Bastion.Testing;

namespace Bastion.Providers.Cloudways.Tests.DayTwo;

/// <summary>Server settings (cloudways_server_change settings), an app's PHP-FPM pool and Varnish rules (cloudways_app_change fpm, varnish_exclude) through the real pipeline against the fake.</summary>
public sealed class SettingsTests
{
    [Fact]
    public async Task ServerSettings_AsksFirst_ChangesOnlyTheGivenSettings_AndReturnsThemReadBack()
    {
        await using var s = await DayTwoSession.StartAsync();
        var before = (await s.OkAsync("cloudways_server", new() { ["server_id"] = 50482, ["resource"] = "settings" })).GetProperty("data");

        var result = (await s.OkAsync("cloudways_server_change", new()
        {
            ["server_id"] = 50482, ["action"] = "settings", ["settings"] = new[] { "memory_limit=512", "date_timezone=Europe/London", "mod_xdebug=enable" },
        })).GetProperty("change");

        before.GetProperty("data").GetProperty("memory_limit").GetString().ShouldBe("256");
        s.Asked.ShouldHaveSingleItem().ShouldContain("cloudways_server_change");
        result.GetProperty("call").GetString().ShouldBe("POST /server/manage/settings");
        result.GetProperty("state").GetString().ShouldBe("completed");
        var after = result.GetProperty("answer").GetProperty("settings_after");
        after.GetProperty("memory_limit").GetString().ShouldBe("512");
        after.GetProperty("date.timezone").GetString().ShouldBe("Europe/London");
        after.GetProperty("mod_xdebug").GetString().ShouldBe("enable");
        after.GetProperty("execution_limit").GetString().ShouldBe("60");
        s.Prod.SettingsChanges.ShouldBe(1);
        s.H.AuditText().ShouldContain("cloudways_server_change");
    }

    [Theory]
    [InlineData("memory_limit=lots", "setting memory_limit (PHP memory limit, MB) takes a whole number of at least 1, not 'lots'")]
    [InlineData("php_version=8.3", "'php_version' is not a server setting Bastion can change; accepted: execution_limit, memory_limit")]
    [InlineData("mod_xdebug=yes", "setting mod_xdebug (Xdebug) takes enable or disable, not 'yes'")]
    [InlineData("date_timezone=London time", "setting date_timezone (PHP timezone) does not take 'London time'; e.g. UTC or Europe/London")]
    [InlineData("memory_limit", "'memory_limit' is not name=value, e.g. memory_limit=512")]
    public async Task ServerSettings_BadInput_IsRefusedWithWhatIsAccepted_BeforeAnythingIsSent(string pair, string error)
    {
        await using var s = await DayTwoSession.StartAsync();

        var text = await s.ErrorAsync("cloudways_server_change", new() { ["server_id"] = 50482, ["action"] = "settings", ["settings"] = new[] { pair } });

        text.ShouldContain(error);
        s.Sent("POST", "/server/manage/settings").ShouldBeEmpty();
        s.Prod.SettingsChanges.ShouldBe(0);
    }

    [Fact]
    public async Task ServerSettings_WithAnotherActionsField_IsRefused_NamingTheActionsThatTakeIt()
    {
        await using var s = await DayTwoSession.StartAsync();

        var text = await s.ErrorAsync("cloudways_server_change", new() { ["server_id"] = 50482, ["action"] = "settings", ["service"] = "nginx", ["settings"] = new[] { "memory_limit=512" } });

        text.ShouldContain("action 'settings' does not take service; only service_start, service_stop, service_restart do.");
        s.Sent("POST", "/server/manage/settings").ShouldBeEmpty();
    }

    [Theory]
    [InlineData("memory_limit", "0", "memory_limit: The memory limit must be an integer of at least 1.")]
    [InlineData("nginx_http2", "on", "nginx_http2: The selected nginx http2 is invalid.")]
    [InlineData("php_version", "8.3", "php_version: php_version is not a server setting.")]
    public async Task Fake_RefusesServerSettingsCloudwaysRefuses_With422NamingTheField(string name, string value, string error)
    {
        await using var h = await Harness.StartAsync();

        var refused = await Should.ThrowAsync<PlatformException>(() => h.Get<CloudwaysClient>().PostAsync("/server/manage/settings", CancellationToken.None,
            CloudwaysClient.Field("server_id", 50482), CloudwaysClient.Field(name, value)));

        refused.Status.ShouldBe(422);
        refused.Message.ShouldContain(error);
        h.Fake.State.Servers[0].SettingsChanges.ShouldBe(0);
    }

    [Fact]
    public async Task AppFpm_ReplacesThePoolText_AndReturnsItReadBack()
    {
        await using var s = await DayTwoSession.StartAsync();
        const string Pool = "php_admin_value[memory_limit] = 512M\n; keep errors out of pages\nphp_flag[display_errors] = off";

        var result = await s.OkAsync("cloudways_app_change", new() { ["server_id"] = 50482, ["app_id"] = 131933, ["action"] = "fpm", ["fpm"] = Pool });

        result.GetProperty("call").GetString().ShouldBe("POST /app/manage/fpm_setting");
        result.GetProperty("answer").GetProperty("settings_after").GetProperty("settings").GetString().ShouldBe(Pool);
        s.Shop.FpmSettings.ShouldBe(Pool);
        s.Prod.Apps[1].FpmSettings.ShouldNotBe(Pool);
    }

    [Fact]
    public async Task AppFpm_ALineThatIsNotADirective_IsRefused_AndThePoolIsUntouched()
    {
        await using var s = await DayTwoSession.StartAsync();
        var pool = s.Shop.FpmSettings;

        var text = await s.ErrorAsync("cloudways_app_change", new() { ["server_id"] = 50482, ["app_id"] = 131933, ["action"] = "fpm", ["fpm"] = "php_admin_value[memory_limit] = 512M\nrm -rf /" });

        text.ShouldContain("fpm line 2 'rm -rf /' is not a pool directive");
        s.Sent("POST", "/app/manage/fpm_setting").ShouldBeEmpty();
        s.Shop.FpmSettings.ShouldBe(pool);
    }

    [Fact]
    public async Task AppVarnish_ReplacesTheRules_FollowingTheOperationToItsEnd_WithProgress()
    {
        await using var s = await DayTwoSession.StartAsync(new FakeOptions { PollsToComplete = 3 });
        await using var progress = ProgressRecorder.On(s.H.Client);

        var result = await s.OkAsync("cloudways_app_change", new()
        {
            ["server_id"] = 50482, ["app_id"] = 131933, ["action"] = "varnish_exclude", ["varnish_exclude"] = new[] { "url:/cart", "cookie:wordpress_logged_in" },
        }, progress);

        result.GetProperty("call").GetString().ShouldBe("POST /app/manage/varnish_setting");
        result.GetProperty("state").GetString().ShouldBe("completed");
        result.GetProperty("operation_id").GetString().ShouldNotBeNullOrEmpty();
        var rules = result.GetProperty("answer").GetProperty("settings_after").GetProperty("vcl_list");
        rules.EnumerateArray().Select(r => $"{r.GetProperty("type").GetString()}:{r.GetProperty("value").GetString()}").ShouldBe(["url:/cart", "cookie:wordpress_logged_in"]);
        s.Shop.VarnishRules.ShouldBe([("exclude", "url", "/cart"), ("exclude", "cookie", "wordpress_logged_in")]);
        (await progress.AtLeastAsync(3)).Select(v => v.Progress).ShouldBe([1f, 2f, 3f], "one progress notification per look at the operation");
    }

    [Fact]
    public async Task AppVarnish_AnEmptyList_RemovesEveryRule_AndABadRule_IsRefused()
    {
        await using var s = await DayTwoSession.StartAsync();

        var text = await s.ErrorAsync("cloudways_app_change", new() { ["server_id"] = 50482, ["app_id"] = 131933, ["action"] = "varnish_exclude", ["varnish_exclude"] = new[] { "/cart" } });
        s.Shop.VarnishRules.Count.ShouldBe(1);
        await s.OkAsync("cloudways_app_change", new() { ["server_id"] = 50482, ["app_id"] = 131933, ["action"] = "varnish_exclude", ["varnish_exclude"] = Array.Empty<string>() });

        text.ShouldContain("varnish_exclude rule '/cart' is not url:PATH");
        s.Shop.VarnishRules.ShouldBeEmpty();
    }

    [Fact]
    public async Task SettingsChange_Declined_SendsNothing()
    {
        await using var s = await DayTwoSession.StartAsync();
        s.Decline = true;

        var result = await s.H.Client.CallToolAsync("cloudways_server_change", new Dictionary<string, object?> { ["server_id"] = 50482, ["action"] = "settings", ["settings"] = new[] { "memory_limit=512" } });

        DayTwoSession.Text(result).ShouldBe("The user declined; nothing ran.");
        s.Sent("POST", "/server/manage/settings").ShouldBeEmpty();
        s.Prod.Settings["memory_limit"].ShouldBe("256");
    }
}
