using System.ComponentModel;
using Bastion.Mcp.Catalog;
using Bastion.Tools;
using Microsoft.Extensions.DependencyInjection;
using ModelContextProtocol.Server;

namespace Bastion.Tests.Architecture;

/// <summary>The tool API as a tool class uses it: the class's toolset and scope are the default, a method's override them.</summary>
public sealed class ToolApiTests
{
    [Fact]
    public void Catalogue_TakesTheMethodsScope_WhenAToolMethodOverridesItsClass()
    {
        using var services = new ServiceCollection().AddToolset(typeof(DemoTools)).BuildServiceProvider();

        var tools = ToolCatalog.Create(services).ToArray().ToDictionary(t => t.ProtocolTool.Name, t => t.ProtocolTool);

        ToolCatalog.ScopeOf(tools["demo_read"]).ShouldBe("demo:read");
        ToolCatalog.ScopeOf(tools["demo_write"]).ShouldBe("demo:write");
        ToolCatalog.ToolsetOf(tools["demo_write"]).ShouldBe("demo");
        ToolCatalog.ToolsetNamesOf([typeof(DemoTools)]).ShouldBe(["demo"]);
    }

    [McpServerToolType]
    [Toolset("demo", "demo:read")]
    internal sealed class DemoTools
    {
        private readonly string _answer = "done";

        [McpServerTool(Name = "demo_read", ReadOnly = true), Description("Reads.")]
        public string Read() => _answer;

        [Toolset("demo", "demo:write")]
        [McpServerTool(Name = "demo_write", ReadOnly = false), Description("Writes.")]
        public string Write() => _answer;
    }
}
