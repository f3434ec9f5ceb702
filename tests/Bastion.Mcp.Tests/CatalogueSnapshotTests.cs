using System.Text.Json;
using System.Text.Json.Nodes;
using Bastion.Core.Configuration;
using Bastion.Mcp.Catalog;
using Bastion.Testing;
using Microsoft.Extensions.DependencyInjection;
using ModelContextProtocol;
using ModelContextProtocol.Protocol;

namespace Bastion.Mcp.Tests;

/// <summary>
/// The whole tools/list answer (names, schemas, annotations) and the Markdown reference are committed; a change to the
/// catalogue fails here until the files are regenerated (BASTION_UPDATE_SNAPSHOTS=1), so every change is deliberate.
/// </summary>
public class CatalogueSnapshotTests(ServerFixture server) : IClassFixture<ServerFixture>
{
    private static readonly bool Update = Environment.GetEnvironmentVariable("BASTION_UPDATE_SNAPSHOTS") == "1";

    [Fact]
    public async Task ToolsList_MatchesTheCommittedSnapshot()
    {
        var tools = (await server.Client.ListToolsAsync()).Select(t => t.ProtocolTool).ToList();
        var actual = JsonSerializer.Serialize(new ListToolsResult { Tools = tools }, McpJsonUtilities.DefaultOptions);
        var pretty = JsonNode.Parse(actual)!.ToJsonString(new JsonSerializerOptions { WriteIndented = true }) + "\n";
        AssertSnapshot(Path.Combine(Repository.Root, "tests", "Bastion.Mcp.Tests", "Snapshots", "tools-list.json"), pretty);
    }

    private static void AssertSnapshot(string path, string actual)
    {
        if (Update)
        {
            File.WriteAllText(path, actual);
            return;
        }

        File.Exists(path).ShouldBeTrue($"{path} is missing; run the tests with BASTION_UPDATE_SNAPSHOTS=1 to create it.");
        var expected = File.ReadAllText(path);
        if (expected != actual)
        {
            var line = expected.Split('\n').Zip(actual.Split('\n')).Select((p, i) => (p, i)).FirstOrDefault(x => x.p.First != x.p.Second);
            Assert.Fail($"{path} differs from the live catalogue at line {line.i + 1}:\n committed: {line.p.First}\n live:      {line.p.Second}\n" +
                "If the change is deliberate, run the tests with BASTION_UPDATE_SNAPSHOTS=1 and commit the files.");
        }
    }
}
