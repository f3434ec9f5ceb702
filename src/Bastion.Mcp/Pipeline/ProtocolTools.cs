using System.Text.Json;
using System.Text.Json.Nodes;
using Bastion.Core;
using ModelContextProtocol.Protocol;

namespace Bastion.Mcp.Pipeline;

/// <summary>Copies of a tool's protocol description, for the catalogue's rewrites of input schemas.</summary>
internal static class ProtocolTools
{
    /// <summary><paramref name="described"/> with <paramref name="schema"/> as its input schema; everything else kept.</summary>
    public static Tool WithInputSchema(this Tool described, JsonObject schema) => new()
    {
        Name = described.Name,
        Title = described.Title,
        Description = described.Description,
        InputSchema = JsonSerializer.SerializeToElement(schema, CommonJson.Default.JsonObject),
        OutputSchema = described.OutputSchema,
        Annotations = described.Annotations,
        Meta = described.Meta,
        Icons = described.Icons,
    };
}
