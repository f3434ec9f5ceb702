using Bastion.Core.Policy;
using Bastion.Mcp.Catalog;

namespace Bastion.Providers.WebOps.Tests.Mcp;

/// <summary>What the webops toolset promises in tools/list: names, scopes, honest annotations, and no scaling.</summary>
public sealed class CatalogueTests
{
    private static readonly string[] ReadTools = ["webops_status", "webops_deployment"];

    private static readonly string[] Actions = ["webops_deployment_control"];

    [Fact]
    public async Task OperatorMode_ListsEveryWebOpsTool_WithItsScopeAndAnnotations()
    {
        // Configured (a URL in the vault), so the toolset is served; nothing is contacted to list it.
        await using var bastion = await WebOpsHarness.StartAsync(new Dictionary<string, string> { ["webops/url"] = "http://127.0.0.1:9" }, mcp: true, mode: Mode.Operator);
        var tools = (await bastion.Mcp.ListToolsAsync()).Where(t => t.Name.StartsWith("webops_", StringComparison.Ordinal)).ToDictionary(t => t.Name);

        tools.Keys.ShouldBe([.. ReadTools, .. Actions]);
        foreach (var name in ReadTools)
        {
            var tool = tools[name].ProtocolTool;
            ToolCatalog.ScopeOf(tool).ShouldBe(Scopes.PlatformRead);
            ToolCatalog.ToolsetOf(tool).ShouldBe("webops");
            tool.Annotations!.ReadOnlyHint.ShouldBe(true, name);
            tool.Annotations.OpenWorldHint.ShouldBe(true, name);
            tool.OutputSchema.ShouldNotBeNull(name);
        }

        // Deploy, start/stop/restart and delete change what runs: the tool carries the most dangerous annotations, and
        // the pipeline confirms each of them (a scan, only recorded, is not confirmed; see SecurityScanTests).
        var control = tools["webops_deployment_control"].ProtocolTool;
        ToolCatalog.ScopeOf(control).ShouldBe(Scopes.PlatformManage);
        (control.Annotations!.ReadOnlyHint, control.Annotations.DestructiveHint, control.Annotations.IdempotentHint).ShouldBe((false, true, false));
        var properties = control.InputSchema.GetProperty("properties");
        properties.TryGetProperty("confirm", out _).ShouldBeTrue();
        properties.GetProperty("action").GetProperty("enum").EnumerateArray().Select(v => v.GetString()).ShouldBe(["deploy", "start", "stop", "restart", "delete", "scan"]);
        tools["webops_deployment"].ProtocolTool.InputSchema.GetProperty("properties").GetProperty("resource").GetProperty("enum").EnumerateArray().Select(v => v.GetString())
            .ShouldBe(["list", "record", "status", "logs"]);
        tools["webops_status"].ProtocolTool.InputSchema.GetProperty("properties").GetProperty("resource").GetProperty("enum").EnumerateArray().Select(v => v.GetString())
            .ShouldBe(["health", "connection", "security"]);
    }

    [Fact]
    public async Task ThereIsNoScaling_AndTheControlToolSaysSo()
    {
        // Configured (a URL in the vault), so the toolset is served; nothing is contacted to list it.
        await using var bastion = await WebOpsHarness.StartAsync(new Dictionary<string, string> { ["webops/url"] = "http://127.0.0.1:9" }, mcp: true, mode: Mode.Operator);
        var tools = await bastion.Mcp.ListToolsAsync();

        tools.ShouldNotContain(t => t.Name.Contains("scale", StringComparison.Ordinal));
        var control = tools.Single(t => t.Name == "webops_deployment_control").ProtocolTool;
        control.InputSchema.GetProperty("properties").GetProperty("action").GetProperty("enum").EnumerateArray().ShouldNotContain(v => v.GetString()!.Contains("scale", StringComparison.Ordinal));
        control.Description!.ShouldContain("WebOps has no scaling");
    }

    [Fact]
    public async Task WithoutPlatformScopes_NoWebOpsToolIsServed()
    {
        await using var bastion = await WebOpsHarness.StartAsync(new Dictionary<string, string>(), mcp: true, mode: Mode.Operator,
            scopes: new HashSet<string> { Scopes.HostsRead, Scopes.MetricsRead });
        var tools = await bastion.Mcp.ListToolsAsync();
        tools.ShouldNotContain(t => t.Name.StartsWith("webops_", StringComparison.Ordinal));
        tools.ShouldContain(t => t.Name == "hosts_list");
    }

    [Fact]
    public async Task EveryOutputSchema_NamesTheWebOpsRoutesItsFiguresComeFrom()
    {
        // The routes are in the output schemas (what clients validate against), not in the descriptions a model reads.
        await using var bastion = await WebOpsHarness.StartAsync(new Dictionary<string, string> { ["webops/url"] = "http://127.0.0.1:9" }, mcp: true, mode: Mode.Operator);
        foreach (var tool in (await bastion.Mcp.ListToolsAsync()).Where(t => t.Name.StartsWith("webops_", StringComparison.Ordinal)))
        {
            foreach (var part in tool.ProtocolTool.OutputSchema!.Value.GetProperty("properties").EnumerateObject().Where(p => p.Value.ValueKind == System.Text.Json.JsonValueKind.Object && p.Value.GetProperty("type").ToString().Contains("object", StringComparison.Ordinal)))
            {
                part.Value.GetProperty("description").GetString()!.ShouldMatch("Sources?: WebOps (GET|POST|DELETE) /", $"{tool.Name}.{part.Name} names the WebOps route its figures come from");
            }
        }
    }
}
