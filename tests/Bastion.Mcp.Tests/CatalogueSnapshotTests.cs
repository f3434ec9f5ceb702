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
    [Fact]
    public async Task ToolsList_MatchesTheCommittedSnapshot()
    {
        var tools = (await server.Client.ListToolsAsync()).Select(t => t.ProtocolTool).ToList();
        var actual = JsonSerializer.Serialize(new ListToolsResult { Tools = tools }, McpJsonUtilities.DefaultOptions);
        var pretty = JsonNode.Parse(actual)!.ToJsonString(new JsonSerializerOptions { WriteIndented = true }) + "\n";
        Snapshot.Assert(Path.Combine(Repository.Root, "tests", "Bastion.Mcp.Tests", "Snapshots", "tools-list.json"), pretty);
    }
}
