namespace Bastion.Providers.Cloudways.Tests.DayTwo;

/// <summary>Git state and deploys (cloudways_app, cloudways_app_change), whitelists and disk clean-up (cloudways_server, cloudways_server_change), permission resets, against the fake.</summary>
public sealed class GitWhitelistMaintenanceTests
{
    [Fact]
    public async Task Git_KeyCloneAndPull_DeployTheApp_AndShowInItsHistory()
    {
        await using var s = await DayTwoSession.StartAsync();
        var app = new Dictionary<string, object?> { ["server_id"] = 50482, ["app_id"] = 131933 };

        await s.OkAsync("cloudways_app_change", new(app) { ["action"] = "git_key" });
        var key = (await s.OkAsync("cloudways_app", new(app) { ["resource"] = "git_key" })).GetProperty("data");
        var branches = (await s.OkAsync("cloudways_app", new(app) { ["resource"] = "git_branches", ["git_url"] = "git@github.com:org/shop.git" })).GetProperty("data");
        var clone = await s.OkAsync("cloudways_app_change", new(app) { ["action"] = "git_clone", ["git_url"] = "git@github.com:org/shop.git", ["branch"] = "main" });
        await s.OkAsync("cloudways_app_change", new(app) { ["action"] = "git_pull", ["branch"] = "production", ["deploy_path"] = "wp-content/themes/shop" });
        var history = (await s.OkAsync("cloudways_app", new(app) { ["resource"] = "git_history" })).GetProperty("data");

        key.GetProperty("data").GetProperty("key").GetString().ShouldStartWith("ssh-rsa ");
        branches.GetProperty("data").GetProperty("branches").GetArrayLength().ShouldBe(3);
        clone.GetProperty("state").GetString().ShouldBe("completed");
        var logs = history.GetProperty("data").GetProperty("logs");
        logs.GetArrayLength().ShouldBe(2);
        logs[0].GetProperty("branch_name").GetString().ShouldBe("production");
        logs[0].GetProperty("deploy_path").GetString().ShouldBe("wp-content/themes/shop");
        s.Shop.GitUrl.ShouldBe("git@github.com:org/shop.git");
    }

    [Fact]
    public async Task Git_CloneBeforeAKeyExists_ComesBackAsCloudwaysRefusal()
    {
        await using var s = await DayTwoSession.StartAsync();

        var text = await s.ErrorAsync("cloudways_app_change", new() { ["server_id"] = 50482, ["app_id"] = 131933, ["action"] = "git_clone", ["git_url"] = "git@github.com:org/shop.git", ["branch"] = "main" });

        text.ShouldContain("git_url: Generate a deployment key");
        s.Shop.GitHistory.ShouldBeEmpty();
    }

    [Fact]
    public async Task Git_PullWithoutABranch_IsRefused_BeforeAnythingIsSent()
    {
        await using var s = await DayTwoSession.StartAsync();

        var text = await s.ErrorAsync("cloudways_app_change", new() { ["server_id"] = 50482, ["app_id"] = 131933, ["action"] = "git_pull" });

        text.ShouldContain("action 'git_pull' needs branch");
        s.Sent("POST", "/git/pull").ShouldBeEmpty();
    }

    [Fact]
    public async Task Whitelist_AddAndRemove_ChangeOnlyTheListAsked_AndReturnItAfterwards()
    {
        await using var s = await DayTwoSession.StartAsync();

        var added = (await s.OkAsync("cloudways_server_change", new() { ["server_id"] = 50482, ["action"] = "sftp_whitelist_add", ["ips"] = new[] { "203.0.113.50", "198.51.100.20" } })).GetProperty("change");
        await s.OkAsync("cloudways_server_change", new() { ["server_id"] = 50482, ["action"] = "mysql_whitelist_add", ["ips"] = new[] { "203.0.113.60" } });
        var removed = (await s.OkAsync("cloudways_server_change", new() { ["server_id"] = 50482, ["action"] = "sftp_whitelist_remove", ["ips"] = new[] { "198.51.100.20" } })).GetProperty("change");
        var mysql = (await s.OkAsync("cloudways_server", new() { ["server_id"] = 50482, ["resource"] = "mysql_whitelist" })).GetProperty("data");

        added.GetProperty("answer").GetProperty("ip_list").EnumerateArray().Select(i => i.GetString()).ShouldBe(["198.51.100.20", "203.0.113.50"]);
        removed.GetProperty("answer").GetProperty("ip_list").EnumerateArray().Select(i => i.GetString()).ShouldBe(["203.0.113.50"]);
        mysql.GetProperty("data").GetProperty("ip_list").EnumerateArray().Select(i => i.GetString()).ShouldBe(["203.0.113.60"]);
        s.Prod.SftpWhitelist.ShouldBe(["203.0.113.50"]);
    }

    [Fact]
    public async Task Whitelist_ANonIp_IsRefused_AndTheListIsUntouched()
    {
        await using var s = await DayTwoSession.StartAsync();

        var text = await s.ErrorAsync("cloudways_server_change", new() { ["server_id"] = 50482, ["action"] = "sftp_whitelist_add", ["ips"] = new[] { "office-router" } });

        text.ShouldContain("'office-router' is not an IP address");
        s.Sent("POST", "/security/whitelisted").ShouldBeEmpty();
        s.Prod.SftpWhitelist.ShouldBe(["198.51.100.20"]);
    }

    [Fact]
    public async Task Maintenance_DiskCleanup_RunsAsAnOperation_AndResetPermissions_DefaultsToTheAppUser()
    {
        await using var s = await DayTwoSession.StartAsync();

        var cleanup = (await s.OkAsync("cloudways_server_change", new() { ["server_id"] = 50482, ["action"] = "disk_cleanup" })).GetProperty("change");
        await s.OkAsync("cloudways_app_change", new() { ["server_id"] = 50482, ["app_id"] = 131933, ["action"] = "reset_permissions" });

        cleanup.GetProperty("operation_id").GetString().ShouldNotBeNullOrEmpty();
        s.Prod.DiskCleanups.ShouldBe(1);
        s.Shop.PermissionsReset.ShouldBe("sys_user");
    }

    [Fact]
    public async Task Maintenance_AnUnknownCleanupStep_IsRefused_NamingTheAcceptedOnes()
    {
        await using var s = await DayTwoSession.StartAsync();

        var text = await s.ErrorAsync("cloudways_server_change", new() { ["server_id"] = 50482, ["action"] = "disk_cleanup", ["cleanup"] = new[] { "remove_everything" } });

        text.ShouldContain("cleanup step 'remove_everything' is not one of remove_app_tmp");
        s.Sent("POST", "/server/disk/cleanup").ShouldBeEmpty();
    }
}
