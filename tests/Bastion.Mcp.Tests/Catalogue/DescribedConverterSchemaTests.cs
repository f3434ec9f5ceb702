using System.Text.Json;
using Bastion.Core.History;
using Bastion.Mcp.Pipeline;

namespace Bastion.Mcp.Tests.Catalogue;

/// <summary>
/// A list whose items a converter writes in a shape of its own (metrics_history's points, written as pairs) has that
/// converter's schema for its items in the tool's output schema, not the "anything" a schema exporter gives it.
/// </summary>
public sealed class DescribedConverterSchemaTests(ServerFixture server) : IClassFixture<ServerFixture>
{
    [Fact]
    public async Task HistoryPoints_AreDescribedAsPairs_AndTheSchemaHoldsWhatIsWritten_Only()
    {
        var history = (await server.Client.ListToolsAsync()).Single(t => t.Name == "metrics_history").ProtocolTool;
        var points = history.OutputSchema!.Value.GetProperty("properties").GetProperty("hosts").GetProperty("items")
            .GetProperty("properties").GetProperty("series").GetProperty("items").GetProperty("properties").GetProperty("points");

        JsonSerializer.Serialize(points.GetProperty("items")).ShouldBe(new HistoryPointJsonConverter().Schema().ToJsonString());
        var written = JsonSerializer.SerializeToElement(new HistoryPoint[] { new(1796553000, 12.5), new(1796553060, 13) });
        JsonSchemaValidator.Validate(written, points).ShouldBeEmpty();
        JsonSchemaValidator.Validate(JsonDocument.Parse("""[{"unix_time":1796553000,"value":12.5}]""").RootElement, points)
            .ShouldBe(["$[0]: expected an array, got an object."]);
    }
}
