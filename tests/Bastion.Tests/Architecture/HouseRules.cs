namespace Bastion.Tests.Architecture;

/// <summary>The layering of docs/ARCHITECTURE: Core at the bottom, the tool API above it, Ssh and the providers beside
/// the MCP layer and never on it, HTTP and the CLI at the top.</summary>
internal static class HouseRules
{
    public static IReadOnlyList<ReferenceRule> All { get; } =
    [
        new("Bastion.Core", ["Bastion", "Bastion.Mcp", "Bastion.Http", "Bastion.Ssh", "Bastion.Providers*", "Bastion.Tools", "Bastion.Store*"],
            "Core is the domain: it depends on nothing of ours"),
        new("Bastion.Ssh", ["Bastion", "Bastion.Mcp", "Bastion.Http", "Bastion.Providers*"],
            "a runner knows nothing of the MCP surface or the transport"),
        new("Bastion.Providers*", ["Bastion", "Bastion.Mcp", "Bastion.Http"],
            "providers build on the tool API (Bastion.Tools), not on the MCP layer or the transport"),
        new("Bastion.Tools", ["Bastion", "Bastion.Mcp", "Bastion.Http", "Bastion.Ssh", "Bastion.Providers*"],
            "the tool API holds nothing of the call pipeline"),
    ];

    /// <summary>Every broken rule in <paramref name="graph"/> (project name → names of the projects it references).</summary>
    public static IReadOnlyList<string> Violations(IReadOnlyDictionary<string, IReadOnlySet<string>> graph) =>
        [.. All.SelectMany(r => r.Violations(graph))];
}
