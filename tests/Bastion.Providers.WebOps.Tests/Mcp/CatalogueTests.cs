using Bastion.Core.Policy;
using Bastion.Mcp.Catalog;

namespace Bastion.Providers.WebOps.Tests.Mcp;

/// <summary>What the webops toolset promises in tools/list: names, scopes, honest annotations, and no scaling.</summary>
public sealed class CatalogueTests
{
    private static readonly string[] ReadTools =
        ["webops_status", "webops_deployments_list", "webops_deployment_show", "webops_deployment_status", "webops_deployment_logs", "webops_system_health", "webops_security_audit"];

    private static readonly string[] Actions = ["webops_deploy", "webops_deployment_delete", "webops_service_action", "webops_security_scan"];

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

        foreach (var name in Actions)
        {
            ToolCatalog.ScopeOf(tools[name].ProtocolTool).ShouldBe(Scopes.PlatformManage);
            tools[name].ProtocolTool.Annotations!.ReadOnlyHint.ShouldBe(false, name);
        }

        // Deploy, delete and service actions change what runs: the pipeline confirms them. A scan only records one.
        tools["webops_deploy"].ProtocolTool.Annotations!.DestructiveHint.ShouldBe(true);
        tools["webops_deploy"].ProtocolTool.Annotations!.IdempotentHint.ShouldBe(false);
        tools["webops_deployment_delete"].ProtocolTool.Annotations!.DestructiveHint.ShouldBe(true);
        tools["webops_service_action"].ProtocolTool.Annotations!.DestructiveHint.ShouldBe(true);
        tools["webops_security_scan"].ProtocolTool.Annotations!.DestructiveHint.ShouldBe(false);
        tools["webops_deploy"].ProtocolTool.InputSchema.GetProperty("properties").TryGetProperty("confirm", out _).ShouldBeTrue();
    }

    [Fact]
    public async Task ThereIsNoScaling_AndTheServiceToolSaysSo()
    {
        // Configured (a URL in the vault), so the toolset is served; nothing is contacted to list it.
        await using var bastion = await WebOpsHarness.StartAsync(new Dictionary<string, string> { ["webops/url"] = "http://127.0.0.1:9" }, mcp: true, mode: Mode.Operator);
        var tools = await bastion.Mcp.ListToolsAsync();

        tools.ShouldNotContain(t => t.Name.Contains("scale", StringComparison.Ordinal));
        var service = tools.Single(t => t.Name == "webops_service_action").ProtocolTool;
        service.InputSchema.GetProperty("properties").GetProperty("action").GetProperty("enum").EnumerateArray().Select(v => v.GetString()).ShouldBe(["start", "stop", "restart"]);
        service.Description!.ShouldContain("WebOps has no scaling");
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
    public void EveryToolDescription_TellsAModelWhatItReads()
    {
        foreach (var type in WebOpsSetup.Toolsets)
        {
            foreach (var method in type.GetMethods().Where(m => m.GetCustomAttributes(typeof(ModelContextProtocol.Server.McpServerToolAttribute), false).Length > 0))
            {
                var description = ((System.ComponentModel.DescriptionAttribute)method.GetCustomAttributes(typeof(System.ComponentModel.DescriptionAttribute), false).Single()).Description;
                description.ShouldMatch("Sources?: WebOps (GET|POST|DELETE) /", $"{type.Name}.{method.Name} names the WebOps route its figures come from");
            }
        }
    }
}
