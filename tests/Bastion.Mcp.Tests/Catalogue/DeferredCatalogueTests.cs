using System.ComponentModel;
using Bastion.Core.Policy;
using Bastion.Mcp.Catalog;
using Bastion.Tools;
using Microsoft.Extensions.DependencyInjection;
using ModelContextProtocol.Server;

namespace Bastion.Mcp.Tests.Catalogue;

/// <summary>The catalogue makes a tool only when a listing shows it or a call names it; what decides that is read from attributes.</summary>
public sealed class DeferredCatalogueTests
{
    [Fact]
    public void Listing_MakesOnlyTheAdmittedTools_AndACallMakesTheOneItNames()
    {
        using var services = new ServiceCollection().AddToolset(typeof(DemoTools)).BuildServiceProvider();
        var made = new List<string>();
        var tools = ToolCatalog.Create(services, tool =>
        {
            made.Add(tool.ProtocolTool.Name);
            return tool;
        });

        tools.PrimitiveNames.ShouldBe(["demo_read", "demo_write", "demo_run"]);
        tools.Facts.Select(f => f.Name).ShouldBe(["demo_read", "demo_write", "demo_run"]);
        made.ShouldBeEmpty();

        McpServerTool[] listed;
        using (DeferredToolCollection.ListingOnly(facts => facts.ReadOnly || facts.RunsCommands))
        {
            listed = tools.ToArray();
        }

        listed.Select(t => t.ProtocolTool.Name).ShouldBe(["demo_read", "demo_run"]);
        made.ShouldBe(["demo_read", "demo_run"]);

        tools.TryGetPrimitive("demo_write", out var writer).ShouldBeTrue();
        writer!.ProtocolTool.Name.ShouldBe("demo_write");
        tools.TryGetPrimitive("demo_write", out var again).ShouldBeTrue();
        again.ShouldBeSameAs(writer);
        made.ShouldBe(["demo_read", "demo_run", "demo_write"]);
        tools.TryGetPrimitive("demo_nothing", out _).ShouldBeFalse();

        // Outside a listing scope every tool is enumerated again.
        tools.Select(t => t.ProtocolTool.Name).ShouldBe(["demo_read", "demo_write", "demo_run"]);
    }

    [Theory]
    [InlineData(Mode.ReadOnly)]
    [InlineData(Mode.Admin)]
    public async Task FactsFromAttributes_AreTheFactsOfTheMadeTools(Mode mode)
    {
        await using var server = await TestServer.StartAsync(mode);
        var tools = (DeferredToolCollection)BastionServer.CreateOptions(server.Services).ToolCollection!;

        var facts = tools.Facts.ToList();
        var made = tools.Select(ToolFacts.Of).ToList();

        facts.Count.ShouldBeGreaterThan(20);
        made.ShouldBe(facts);
        facts.ShouldContain(f => f.ReadOnly);
        facts.ShouldContain(f => !f.ReadOnly && !f.RunsCommands);
        facts.ShouldContain(f => f.RunsCommands);
    }

    [Fact]
    public async Task ToolsList_InReadOnlyMode_MakesNoToolItDoesNotShow()
    {
        await using var server = await TestServer.StartAsync(Mode.ReadOnly);
        var listed = (await server.Client.ListToolsAsync()).Select(t => t.Name).ToHashSet();

        // The served collection is the one the session's server holds: make a fresh one from the same services and list
        // through the pipeline's own filter to see what it makes.
        var access = server.Services.GetRequiredService<Mcp.Security.ToolAccess>();
        var principal = server.Services.GetRequiredService<BastionOptions>().LocalPrincipal();
        var made = new List<string>();
        var tools = ToolCatalog.Create(server.Services, tool =>
        {
            made.Add(tool.ProtocolTool.Name);
            return tool;
        });
        using (DeferredToolCollection.ListingOnly(facts => access.Refusal(principal, facts) is null))
        {
            _ = tools.ToArray();
        }

        made.ToHashSet().ShouldBe(listed, ignoreOrder: true);
        made.Count.ShouldBeLessThan(tools.PrimitiveNames.Count);
        made.ShouldNotContain("files_upload");
    }

    [McpServerToolType]
    [Toolset("demo", "demo:read")]
    internal sealed class DemoTools
    {
        private readonly string _answer = "done";

        [McpServerTool(Name = "demo_read", ReadOnly = true), Description("Reads.")]
        public string Read() => _answer;

        [Toolset("demo", "demo:write")]
        [McpServerTool(Name = "demo_write", ReadOnly = false, Destructive = true), Description("Writes.")]
        public string Write() => _answer;

        [RunsCommands]
        [McpServerTool(Name = "demo_run", ReadOnly = false), Description("Runs.")]
        public string Run(string command) => _answer + command;
    }
}
