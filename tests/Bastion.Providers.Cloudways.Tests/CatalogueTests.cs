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
        tools.ShouldAllBe(t => t.Name.StartsWith("cloudways_", StringComparison.Ordinal) && t.Description!.Length > 40 && t.OutputSchema != null);
        var writes = tools.Where(t => t.Annotations!.ReadOnlyHint != true).ToDictionary(t => t.Name, t => ToolCatalog.ScopeOf(t));
        writes.ShouldBe(new Dictionary<string, string>
        {
            ["cloudways_server_start"] = Scopes.PlatformManage,
            ["cloudways_server_stop"] = Scopes.PlatformManage,
            ["cloudways_server_restart"] = Scopes.PlatformManage,
            ["cloudways_alert_mark_read"] = Scopes.PlatformManage,
            ["cloudways_service_control"] = Scopes.PlatformManage,
            ["cloudways_cache"] = Scopes.PlatformManage,
            ["cloudways_backup_change"] = Scopes.PlatformManage,
            ["cloudways_ssl"] = Scopes.PlatformManage,
            ["cloudways_app_domain"] = Scopes.PlatformManage,
            ["cloudways_git_deploy"] = Scopes.PlatformManage,
            ["cloudways_whitelist_change"] = Scopes.PlatformManage,
            ["cloudways_maintenance"] = Scopes.PlatformManage,
            ["cloudways_settings_change"] = Scopes.PlatformManage,
        }, ignoreOrder: true);
        tools.Where(t => t.Annotations!.DestructiveHint == true).Select(t => t.Name).Order().ShouldBe(
        [
            "cloudways_app_domain", "cloudways_backup_change", "cloudways_cache", "cloudways_git_deploy", "cloudways_maintenance",
            "cloudways_server_restart", "cloudways_server_stop", "cloudways_service_control", "cloudways_settings_change", "cloudways_ssl", "cloudways_whitelist_change",
        ]);
        tools.Single(t => t.Name == "cloudways_server_restart").Annotations!.IdempotentHint.ShouldBe(false);
    }
}
