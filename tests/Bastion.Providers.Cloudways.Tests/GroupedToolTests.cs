using Bastion.Providers.Cloudways.Tests.DayTwo;

namespace Bastion.Providers.Cloudways.Tests;

/// <summary>
/// The grouped tools (a <c>resource</c> or <c>action</c> enum): a parameter the chosen value does not take is refused
/// naming the values that take it, and a parameter it needs is asked for; in both cases nothing is sent to Cloudways.
/// </summary>
public sealed class GroupedToolTests
{
    [Fact]
    public async Task AReadResource_GivenAnotherResourcesParameter_IsRefused_NamingTheOneThatTakesIt()
    {
        await using var s = await DayTwoSession.StartAsync();

        var text = await s.ErrorAsync("cloudways_server", new() { ["server_id"] = 50482, ["resource"] = "settings", ["metric"] = "Idle CPU" });

        text.ShouldContain("resource 'settings' does not take metric; only monitor does. Leave it out.");
        s.Sent("GET", "/server/manage/settings").ShouldBeEmpty();
    }

    [Fact]
    public async Task AMonitorGraph_WithoutAMetric_IsRefused_SayingWhereTheNamesComeFrom()
    {
        await using var s = await DayTwoSession.StartAsync();

        var text = await s.ErrorAsync("cloudways_server", new() { ["server_id"] = 50482, ["resource"] = "monitor", ["duration"] = "1 Hour" });

        text.ShouldContain("resource 'monitor' needs metric");
        text.ShouldContain("cloudways_list monitor_targets");
        s.Sent("GET", "/server/monitor/detail").ShouldBeEmpty();
    }

    [Fact]
    public async Task ListResources_TakeOnlyTheirOwnParameters()
    {
        await using var s = await DayTwoSession.StartAsync();

        var provider = await s.ErrorAsync("cloudways_list", new() { ["resource"] = "servers", ["provider"] = "do" });
        var operation = await s.ErrorAsync("cloudways_list", new() { ["resource"] = "operation" });
        var limit = await s.ErrorAsync("cloudways_list", new() { ["resource"] = "operation", ["operation_id"] = "1", ["limit"] = 5 });

        provider.ShouldContain("resource 'servers' does not take provider; only regions, server_sizes, monitor_targets do.");
        operation.ShouldContain("resource 'operation' needs operation_id");
        limit.ShouldContain("resource 'operation' does not take limit");
    }

    [Fact]
    public async Task AppAnalytics_RankOfAnotherKind_IsRefused_NamingTheKindsOwn()
    {
        await using var s = await DayTwoSession.StartAsync();

        var wrong = await s.ErrorAsync("cloudways_app", new() { ["server_id"] = 50482, ["app_id"] = 131933, ["resource"] = "php", ["rank"] = "top_ips" });
        var cron = await s.ErrorAsync("cloudways_app", new() { ["server_id"] = 50482, ["app_id"] = 131933, ["resource"] = "cron", ["duration"] = "1d" });

        wrong.ShouldContain("rank 'top_ips' is not one of php's: slow_pages, url_durations, processes.");
        cron.ShouldContain("resource 'cron' does not take duration; only traffic, php, mysql do.");
    }

    [Fact]
    public async Task GitBranches_WithoutAGitUrl_IsRefused_NamingTheResource_AndNothingIsSent()
    {
        await using var s = await DayTwoSession.StartAsync();

        var text = await s.ErrorAsync("cloudways_app", new() { ["server_id"] = 50482, ["app_id"] = 131933, ["resource"] = "git_branches" });

        text.ShouldContain("resource 'git_branches' needs git_url: the repository's SSH address, e.g. git@github.com:org/site.git.");
        s.Sent("GET", "/git/branchNames").ShouldBeEmpty();
    }

    [Fact]
    public async Task AChangeAction_GivenAnotherActionsParameter_IsRefused_AndNothingIsSent()
    {
        await using var s = await DayTwoSession.StartAsync();

        var renew = await s.ErrorAsync("cloudways_app_change", new() { ["server_id"] = 50482, ["app_id"] = 131933, ["action"] = "le_auto_renew", ["enabled"] = true, ["domains"] = new[] { "shop.example.test" } });
        var wait = await s.ErrorAsync("cloudways_server_change", new() { ["server_id"] = 50482, ["action"] = "varnish_purge", ["wait"] = false });
        var ips = await s.ErrorAsync("cloudways_server_change", new() { ["server_id"] = 50482, ["action"] = "mysql_whitelist_remove" });

        renew.ShouldContain("action 'le_auto_renew' does not take domains; only le_install, le_renew, le_revoke do.");
        wait.ShouldContain("action 'varnish_purge' does not take wait; only stop, restart, backup do.");
        ips.ShouldContain("action 'mysql_whitelist_remove' needs ips");
        s.H.Fake.Requests.Where(r => r.Method != "GET" && !r.Path.StartsWith("/oauth", StringComparison.Ordinal)).ShouldBeEmpty();
        s.Asked.ShouldBeEmpty("a call the tool would refuse is refused before anyone is asked to confirm it");
    }

    [Fact]
    public async Task AChangeAction_MissingWhatItNeeds_IsRefusedBeforeAnyoneIsAsked_AWellFormedOneIsAsked()
    {
        await using var s = await DayTwoSession.StartAsync();

        var service = await s.ErrorAsync("cloudways_server_change", new() { ["server_id"] = 50482, ["action"] = "service_restart", ["service"] = " " });
        var email = await s.ErrorAsync("cloudways_app_change", new() { ["server_id"] = 50482, ["app_id"] = 131933, ["action"] = "le_install", ["domains"] = new[] { "shop.example.test" } });
        var branch = await s.ErrorAsync("cloudways_app_change", new() { ["server_id"] = 50482, ["app_id"] = 131933, ["action"] = "git_clone", ["git_url"] = "git@example.test:org/site.git" });

        service.ShouldContain("action 'service_restart' needs service: the service's name as cloudways_server resource services reports it");
        email.ShouldContain("action 'le_install' needs email: the Let's Encrypt account email.");
        branch.ShouldContain("action 'git_clone' needs branch: the branch to deploy, e.g. main.");
        s.Asked.ShouldBeEmpty();

        await s.H.Client.CallToolAsync("cloudways_server_change", new Dictionary<string, object?> { ["server_id"] = 50482, ["action"] = "varnish_purge" });
        s.Asked.Count.ShouldBe(1, "a well-formed change is still confirmed");
    }

    [Fact]
    public async Task ServerChange_TakesAHostName_OrAServerId_NotBoth()
    {
        await using var s = await DayTwoSession.StartAsync();

        var both = await s.ErrorAsync("cloudways_server_change", new() { ["server_id"] = 50482, ["host"] = "prod-do", ["action"] = "varnish_purge" });
        var purged = await s.OkAsync("cloudways_server_change", new() { ["host"] = "prod-do", ["action"] = "varnish_purge" });

        both.ShouldContain("Give exactly one of server_id (Cloudways id) or host (Bastion host name).");
        purged.GetProperty("action").GetString().ShouldBe("varnish_purge");
        s.Prod.VarnishPurges.ShouldBe(1);
    }
}
