using Bastion.Core.Policy;
using ModelContextProtocol.Protocol;

namespace Bastion.Mcp.Tests.Security;

/// <summary>Which tools each mode and scope set serves, and that a hidden tool cannot be called either.</summary>
public class AccessMatrixTests
{
    private static readonly string[] ReadOnlyTools =
    [
        "hosts_list", "hosts_describe", "metrics_sample", "metrics_history", "metrics_top", "alerts_list", "alert_rules_list", "processes_list", "users_list",
        "groups_list", "packages_list", "sockets_list", "interfaces_list", "disks_list", "services_list", "logs_tail", "logs_search", "files_list",
        "files_read", "commands_run", "audit_search", "credentials_status", "access_status",
    ];

    private static readonly string[] WritingTools = ["files_download", "files_download_dir", "files_upload", "alert_rules_set", "alert_rules_delete"];

    [Theory]
    [InlineData(Mode.ReadOnly)]
    [InlineData(Mode.Operator)]
    [InlineData(Mode.Admin)]
    public async Task ListTools_ServesWhatTheModeAllows(Mode mode)
    {
        await using var server = await TestServer.StartAsync(mode);
        var names = (await server.Client.ListToolsAsync()).Select(t => t.Name).ToHashSet();
        names.ShouldBe(mode == Mode.ReadOnly ? ReadOnlyTools.ToHashSet() : ReadOnlyTools.Concat(WritingTools).ToHashSet(), ignoreOrder: true);
    }

    [Theory]
    [InlineData("files_upload", "{\"source\":\"/etc/hostname\",\"path\":\"/tmp/x\"}")]
    [InlineData("files_download", "{\"path\":\"/etc/hostname\",\"destination\":\"/tmp/x\"}")]
    [InlineData("files_download_dir", "{\"path\":\"/etc\",\"destination\":\"/tmp/x.tgz\"}")]
    public async Task CallTool_OfAWritingTool_IsRefused_InReadOnlyMode(string tool, string args)
    {
        await using var server = await TestServer.StartAsync(Mode.ReadOnly);
        var result = await server.Client.CallToolAsync(tool, System.Text.Json.JsonSerializer.Deserialize<Dictionary<string, object?>>(args)!);
        result.IsError.ShouldBe(true);
        result.Content.OfType<TextContentBlock>().Single().Text.ShouldContain("changes things, and Bastion runs in read-only mode. Start it with --mode operator");
        File.Exists("/tmp/x.tgz").ShouldBeFalse();
    }

    [Fact]
    public async Task Scopes_NarrowTheCatalogue_AndRefusalsNameTheMissingScope()
    {
        await using var server = await TestServer.StartAsync(Mode.Operator, scopes: new HashSet<string> { Scopes.MetricsRead });
        (await server.Client.ListToolsAsync()).Select(t => t.Name).Order().ShouldBe(["alert_rules_list", "alerts_list", "metrics_history", "metrics_sample", "metrics_top", "processes_list"]);
        var result = await server.Client.CallToolAsync("hosts_list");
        result.IsError.ShouldBe(true);
        result.Content.OfType<TextContentBlock>().Single().Text.ShouldContain("needs the scope 'hosts:read'");
    }

    [Fact]
    public async Task AdminScope_GrantsEveryTool()
    {
        await using var server = await TestServer.StartAsync(Mode.Operator, scopes: new HashSet<string> { Scopes.Admin });
        (await server.Client.ListToolsAsync()).Count.ShouldBe(ReadOnlyTools.Length + WritingTools.Length);
    }

    [Fact]
    public async Task ToolsetAndToolFilters_KeepTheCatalogueSmall()
    {
        await using var server = await TestServer.StartAsync(
            Mode.ReadOnly,
            configure: o => new BastionOptions
            {
                Paths = o.Paths,
                Toolsets = Catalog.NameFilter.Parse("metrics,commands", Catalog.ToolCatalog.ToolsetNames, "toolset"),
                Tools = Catalog.NameFilter.Parse("-commands_run", Catalog.ToolCatalog.ToolNames, "tool"),
            });
        (await server.Client.ListToolsAsync()).Select(t => t.Name).ShouldBe(["metrics_sample"]);
        var result = await server.Client.CallToolAsync("commands_run", new Dictionary<string, object?> { ["command"] = "uptime" });
        result.Content.OfType<TextContentBlock>().Single().Text.ShouldContain("is not served");
    }

    [Fact]
    public void NameFilter_RefusesUnknownNames() =>
        Should.Throw<Core.BastionException>(() => Catalog.NameFilter.Parse("metrics,nope", Catalog.ToolCatalog.ToolsetNames, "toolset"))
            .Message.ShouldContain("Unknown toolset 'nope'. Known: hosts, metrics");
}
