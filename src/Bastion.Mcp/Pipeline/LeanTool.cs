using System.Text.Json;
using System.Text.Json.Nodes;
using ModelContextProtocol.Protocol;
using ModelContextProtocol.Server;

namespace Bastion.Mcp.Pipeline;

/// <summary>
/// A tool as the catalogue shows it to a model: an optional parameter is its plain type (absent means not given)
/// instead of <c>["string","null"]</c> with <c>"default": null</c>; bounds that only restate the parameter's .NET type
/// (<c>maximum</c> 2^31-1 or 2^63-1, <c>minimum</c> -2^31 or -2^63) and string lengths of <see cref="GuardLength"/> or
/// more (guards against oversized input, not a hint of the value's form) are left out. Arguments are still checked
/// against the tool's full schema (<see cref="ArgumentsSchema"/>), so a client that sends an explicit <c>null</c> for
/// an optional parameter is served as before.
/// </summary>
internal sealed class LeanTool : DelegatingMcpServerTool
{
    private LeanTool(McpServerTool inner, Tool described)
        : base(inner)
    {
        ProtocolTool = described;
        ArgumentsSchema = inner.ProtocolTool.InputSchema;
    }

    /// <summary>The shortest <c>maxLength</c> that is left out of the shown schema (names, paths, search text, commands).</summary>
    public const int GuardLength = 200;

    /// <inheritdoc/>
    public override Tool ProtocolTool { get; }

    /// <summary>The input schema as the tool's method declares it (nullable types, null defaults): what arguments are checked against.</summary>
    public JsonElement ArgumentsSchema { get; }

    /// <summary>The schema arguments of <paramref name="tool"/> are checked against: its full schema when it is a <see cref="LeanTool"/>.</summary>
    public static JsonElement ArgumentsSchemaOf(McpServerTool tool) =>
        tool is LeanTool lean ? lean.ArgumentsSchema : tool.ProtocolTool.InputSchema;

    /// <summary><paramref name="tool"/> with its input schema made lean; <paramref name="tool"/> itself when nothing changes.</summary>
    public static McpServerTool Of(McpServerTool tool)
    {
        ArgumentNullException.ThrowIfNull(tool);
        var described = tool.ProtocolTool;
        var schema = JsonNode.Parse(described.InputSchema.GetRawText())!.AsObject();
        if (schema["properties"] is not JsonObject properties || !properties.Aggregate(false, (changed, p) => Lean(p.Value) | changed))
        {
            return tool;
        }

        return new LeanTool(tool, described.WithInputSchema(schema));
    }

    // Rewrites one property schema in place (and the schemas of its items and values); true when anything changed.
    private static bool Lean(JsonNode? node)
    {
        if (node is not JsonObject property)
        {
            return false;
        }

        var changed = false;
        if (property["type"] is JsonArray types && types.Count == 2 && types.Any(t => t?.GetValue<string>() == "null"))
        {
            property["type"] = types.First(t => t?.GetValue<string>() != "null")!.GetValue<string>();
            if (property["enum"] is JsonArray values)
            {
                property["enum"] = new JsonArray([.. values.Where(v => v is not null).Select(v => v!.DeepClone())]);
            }

            changed = true;
        }

        if (property.TryGetPropertyValue("default", out var d) && d is null)
        {
            property.Remove("default");
            changed = true;
        }

        changed |= RemoveBound(property, "maximum", int.MaxValue, long.MaxValue);
        changed |= RemoveBound(property, "minimum", int.MinValue, long.MinValue);
        if (property["maxLength"] is JsonValue length && length.TryGetValue<double>(out var most) && most >= GuardLength)
        {
            property.Remove("maxLength");
            changed = true;
        }

        changed |= Lean(property["items"]);
        changed |= Lean(property["additionalProperties"]);
        return changed;
    }

    private static bool RemoveBound(JsonObject property, string key, double int32, double int64)
    {
        if (property[key] is JsonValue value && value.TryGetValue<double>(out var bound) && (bound == int32 || bound == int64))
        {
            property.Remove(key);
            return true;
        }

        return false;
    }
}
