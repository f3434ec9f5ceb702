using System.Text.Json;
using System.Text.Json.Nodes;
using Bastion.Core.Policy;
using Bastion.Mcp.Catalog;
using Bastion.Testing;
using ModelContextProtocol;
using ModelContextProtocol.Protocol;

namespace Bastion.Providers.Cloudways.Tests;

/// <summary>
/// The Cloudways part of tools/list (names, schemas, annotations, scopes) is committed; a change fails here until the
/// snapshot is regenerated with BASTION_UPDATE_SNAPSHOTS=1, so every change to what a model sees is deliberate.
/// </summary>
public sealed class CatalogueTests
{
    private static readonly string SnapshotFile = Path.Combine(Repository.Root, "tests", "Bastion.Providers.Cloudways.Tests", "Snapshots", "cloudways-tools.json");

    [Fact]
    public async Task CloudwaysTools_MatchTheCommittedSnapshot()
    {
        await using var h = await Harness.StartAsync(mode: Mode.Admin, session: true);
        var tools = (await h.Client.ListToolsAsync()).Select(t => t.ProtocolTool).Where(t => t.Name.StartsWith("cloudways_", StringComparison.Ordinal)).ToList();
        var json = JsonSerializer.Serialize(new ListToolsResult { Tools = tools }, McpJsonUtilities.DefaultOptions);
        var actual = JsonNode.Parse(json)!.ToJsonString(new JsonSerializerOptions { WriteIndented = true }) + "\n";

        if (Environment.GetEnvironmentVariable("BASTION_UPDATE_SNAPSHOTS") == "1")
        {
            await File.WriteAllTextAsync(SnapshotFile, actual);
            return;
        }

        File.Exists(SnapshotFile).ShouldBeTrue($"{SnapshotFile} is missing; run the tests with BASTION_UPDATE_SNAPSHOTS=1 to create it.");
        var expected = await File.ReadAllTextAsync(SnapshotFile);
        if (expected != actual)
        {
            var line = expected.Split('\n').Zip(actual.Split('\n')).Select((p, i) => (p, i)).FirstOrDefault(x => x.p.First != x.p.Second);
            Assert.Fail($"{SnapshotFile} differs at line {line.i + 1}:\n committed: {line.p.First}\n live:      {line.p.Second}\nIf deliberate, run with BASTION_UPDATE_SNAPSHOTS=1 and commit.");
        }
    }

    [Fact]
    public async Task EveryTool_IsPrefixed_Documented_AndHonestlyAnnotated()
    {
        await using var h = await Harness.StartAsync(mode: Mode.Admin, session: true);
        var tools = (await h.Client.ListToolsAsync()).Select(t => t.ProtocolTool).Where(t => ToolCatalog.ToolsetOf(t) == "cloudways").ToList();

        tools.Count.ShouldBe(ToolCatalog.ToolNamesOf(CloudwaysSetup.Toolsets).Count);
        tools.ShouldAllBe(t => t.Name.StartsWith("cloudways_", StringComparison.Ordinal) && t.Description!.Length >= 30 && t.OutputSchema != null);
        var writes = tools.Where(t => t.Annotations!.ReadOnlyHint != true).ToDictionary(t => t.Name, t => ToolCatalog.ScopeOf(t));
        writes.ShouldBe(new Dictionary<string, string>
        {
            ["cloudways_server_start"] = Scopes.PlatformManage,
            ["cloudways_alert_mark_read"] = Scopes.PlatformManage,
            ["cloudways_server_change"] = Scopes.PlatformManage,
            ["cloudways_app_change"] = Scopes.PlatformManage,
        }, ignoreOrder: true);
        tools.Where(t => t.Annotations!.DestructiveHint == true).Select(t => t.Name).Order().ShouldBe(["cloudways_app_change", "cloudways_server_change"]);
        tools.Where(t => t.Annotations!.DestructiveHint == true).ShouldAllBe(t => t.Annotations!.IdempotentHint == false);
        ToolCatalog.ScopeOf(tools.Single(t => t.Name == "cloudways_app_credentials")).ShouldBe(Scopes.SecretsRead);
    }

    [Fact]
    public async Task EveryResourceAndActionEnum_IsInTheSchema_ForTheModelToSee()
    {
        await using var h = await Harness.StartAsync(mode: Mode.Admin, session: true);
        var tools = (await h.Client.ListToolsAsync()).Select(t => t.ProtocolTool).ToDictionary(t => t.Name);

        string[] Values(string tool, string parameter) =>
            [.. tools[tool].InputSchema.GetProperty("properties").GetProperty(parameter).GetProperty("enum").EnumerateArray().Select(v => v.GetString()!)];

        Values("cloudways_list", "resource").ShouldBe(["servers", "projects", "team", "alerts", "providers", "regions", "server_sizes", "apps", "packages", "monitor_durations", "monitor_targets", "operation"]);
        Values("cloudways_server", "resource").ShouldBe(["details", "settings", "services", "sftp_whitelist", "mysql_whitelist", "disk_usage", "usage", "bandwidth", "disk", "monitor"]);
        Values("cloudways_app", "resource").ShouldBe(["details", "settings", "bandwidth", "disk", "sizes", "traffic", "php", "mysql", "cron", "backups", "git_history", "git_branches", "git_key"]);
        Values("cloudways_server_change", "action").ShouldBe(
            ["stop", "restart", "service_start", "service_stop", "service_restart", "varnish_enable", "varnish_disable", "varnish_purge", "backup",
             "sftp_whitelist_add", "sftp_whitelist_remove", "mysql_whitelist_add", "mysql_whitelist_remove", "disk_cleanup", "settings"]);
        Values("cloudways_app_change", "action").ShouldBe(
            ["cache_purge", "varnish_enable", "varnish_disable", "backup", "restore", "rollback", "le_install", "le_renew", "le_auto_renew", "le_revoke",
             "custom_install", "custom_remove", "cname_update", "cname_delete", "https_on", "https_off", "git_key", "git_clone", "git_pull", "reset_permissions", "fpm", "varnish_exclude"]);
    }
}
