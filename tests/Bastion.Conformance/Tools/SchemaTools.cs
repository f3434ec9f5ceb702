using System.ComponentModel;
using System.Text.Json;
using ModelContextProtocol.Server;

namespace Bastion.Conformance.Tools;

/// <summary>
/// A tool whose input schema is written by hand in JSON Schema 2020-12 — <c>$schema</c>, <c>$defs</c> with a
/// <c>$ref</c>, <c>additionalProperties: false</c> — to show that tools/list passes such a schema through untouched
/// (SEP-1613; scenario json-schema-2020-12).
/// </summary>
internal static class SchemaTools
{
    /// <summary>The tool's name, as the scenario looks it up.</summary>
    public const string Name = "json_schema_2020_12_tool";

    private const string InputSchema = """
        {
          "$schema": "https://json-schema.org/draft/2020-12/schema",
          "type": "object",
          "$defs": {
            "address": {
              "type": "object",
              "properties": {
                "street": { "type": "string" },
                "city": { "type": "string" }
              }
            }
          },
          "properties": {
            "name": { "type": "string" },
            "address": { "$ref": "#/$defs/address" }
          },
          "additionalProperties": false
        }
        """;

    /// <summary>Creates the tool: the SDK binds the arguments; the advertised schema is <see cref="InputSchema"/> as written.</summary>
    public static McpServerTool Create()
    {
        var tool = McpServerTool.Create(
            Describe,
            new McpServerToolCreateOptions { Name = Name, Description = "Tool with JSON Schema 2020-12 features: a $defs address referenced by $ref, no additional properties.", ReadOnly = true, Idempotent = true });
        tool.ProtocolTool.InputSchema = JsonElement.Parse(InputSchema);
        return tool;
    }

    private static string Describe([Description("A name.")] string? name = null, [Description("An address.")] JsonElement? address = null) =>
        $"name={name ?? "(none)"}, address={(address is { } a ? a.GetRawText() : "(none)")}";
}
