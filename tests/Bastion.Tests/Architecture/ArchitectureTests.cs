using System.Reflection;
using Bastion.Testing;
using ModelContextProtocol.Server;

namespace Bastion.Tests.Architecture;

/// <summary>
/// The rules of the house as tests (as kubernetes-mcp-server's imports_test.go): Core depends on nothing of ours; Ssh
/// and the providers never on the MCP layer or HTTP; the tool API and the tools never on the call pipeline.
/// </summary>
public sealed class ArchitectureTests
{
    [Fact]
    public void ProjectFiles_BreakNoRuleOfTheHouse_OnThisCheckout()
    {
        var graph = ProjectGraph.FromProjectFiles();

        graph.Keys.ShouldContain("Bastion.Tools");
        graph.Keys.ShouldContain("Bastion.Providers.WebOps");
        HouseRules.Violations(graph).ShouldBeEmpty();
    }

    [Fact]
    public void CompiledAssemblies_BreakNoRuleOfTheHouse_OnThisBuild()
    {
        var graph = ProjectGraph.FromAssemblies(ProjectGraph.FromProjectFiles().Keys);

        graph["Bastion.Providers"].ShouldContain("Bastion.Tools");
        HouseRules.Violations(graph).ShouldBeEmpty();
    }

    [Fact]
    public void HouseRules_NameEveryProviderThatReachesMcp_WhenTheKitReferencesIt()
    {
        var graph = ProjectGraph.FromProjectFiles().ToDictionary(p => p.Key, p => p.Value, StringComparer.Ordinal);
        graph["Bastion.Providers"] = new HashSet<string>(graph["Bastion.Providers"], StringComparer.Ordinal) { "Bastion.Mcp" };

        var violations = HouseRules.Violations(graph);

        violations.ShouldContain(v => v.StartsWith("Bastion.Providers depends on Bastion.Mcp", StringComparison.Ordinal));
        foreach (var platform in new[] { "Alpacon", "CloudStack", "Cloudways", "WebOps" })
        {
            violations.ShouldContain(v => v.StartsWith($"Bastion.Providers.{platform} depends on Bastion.Mcp", StringComparison.Ordinal));
        }
    }

    [Fact]
    public void HouseRules_FlagCore_WhenItReferencesSsh()
    {
        var graph = ProjectGraph.FromProjectFiles().ToDictionary(p => p.Key, p => p.Value, StringComparer.Ordinal);
        graph["Bastion.Core"] = new HashSet<string>(StringComparer.Ordinal) { "Bastion.Ssh" };

        HouseRules.Violations(graph).ShouldContain(v => v.StartsWith("Bastion.Core depends on Bastion.Ssh", StringComparison.Ordinal));
    }

    [Fact]
    public void ToolSources_NameNoPipelineType()
    {
        var tools = Directory.EnumerateFiles(Path.Combine(Repository.Root, "src"), "*.cs", SearchOption.AllDirectories)
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
            .Where(f => File.ReadAllText(f).Contains("[McpServerToolType]", StringComparison.Ordinal))
            .ToList();

        tools.Count.ShouldBeGreaterThan(20);
        tools.Where(f => File.ReadAllText(f) is var text
                && (text.Contains("ToolCallPipeline", StringComparison.Ordinal) || text.Contains("Bastion.Mcp.Pipeline", StringComparison.Ordinal)))
            .Select(f => Path.GetRelativePath(Repository.Root, f))
            .ShouldBeEmpty("tools declare what the pipeline needs through Bastion.Tools (ToolMeta, [Toolset]), never through the pipeline's types");
    }

    [Fact]
    public void ToolTypes_TakeNoPipelineService()
    {
        var graph = ProjectGraph.FromAssemblies(ProjectGraph.FromProjectFiles().Keys);
        var toolTypes = graph.Keys.Select(n => Assembly.Load(new AssemblyName(n)))
            .SelectMany(a => a.GetTypes())
            .Where(t => t.GetCustomAttribute<McpServerToolTypeAttribute>() is not null)
            .ToList();

        toolTypes.Count.ShouldBeGreaterThan(20);
        toolTypes.Where(t => Dependencies(t).Any(d => d.Namespace == "Bastion.Mcp.Pipeline"))
            .Select(t => t.FullName).ShouldBeEmpty();
    }

    private static IEnumerable<Type> Dependencies(Type type)
    {
        const BindingFlags all = BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance | BindingFlags.Static | BindingFlags.DeclaredOnly;
        return type.GetConstructors(all).SelectMany(c => c.GetParameters()).Select(p => p.ParameterType)
            .Concat(type.GetFields(all).Select(f => f.FieldType))
            .Concat(type.GetMethods(all).SelectMany(m => m.GetParameters().Select(p => p.ParameterType).Append(m.ReturnType)));
    }
}
