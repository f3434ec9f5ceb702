using System.Text;
using System.Text.Json;
using ModelContextProtocol.Protocol;

namespace Bastion.Mcp.Catalog;

/// <summary>Renders the tool catalogue as the Markdown reference in <c>docs/tools.md</c>.</summary>
public static class ToolReference
{
    // The tool marked [RunsCommands]: the reference is rendered from tools/list, which carries no such metadata.
    private const string CommandTool = "commands_run";

    /// <summary>The reference page for <paramref name="tools"/>, in catalogue order.</summary>
    public static string Render(IEnumerable<Tool> tools)
    {
        ArgumentNullException.ThrowIfNull(tools);
        var list = tools.ToList();
        var md = new StringBuilder();
        md.Append("# Bastion tool reference\n\n")
          .Append("Generated from the live catalogue by `bastion tools --markdown`; a test keeps this file in step with it.\n")
          .Append("Each tool names the scope it needs and the modes that serve it (see docs/security.md); tools that change things\n")
          .Append("ask for confirmation first. Every answer is bounded (see each tool's `limit`). Field names carry their\n")
          .Append("units (`_bytes`, `_percent` 0-100, `_seconds`); times are UTC ISO-8601. Tools that take `target` run on\n")
          .Append("every host it selects and answer with a `summary`, then one outcome per host whose `result` is described below.\n\n");
        foreach (var tool in list)
        {
            md.Append("- [`").Append(tool.Name).Append("`](#").Append(tool.Name).Append(") — ").Append(tool.Title).Append('\n');
        }

        foreach (var tool in list)
        {
            md.Append("\n## ").Append(tool.Name).Append("\n\n")
              .Append("**").Append(tool.Title).Append("** — ").Append(Annotations(tool.Annotations)).Append("\n\n")
              .Append(Access(tool)).Append("\n\n")
              .Append(tool.Description).Append("\n\n");
            AppendParameters(md, tool.InputSchema);
            if (tool.OutputSchema is { } output)
            {
                AppendFields(md, output);
            }
        }

        return md.ToString();
    }

    private static string Access(Tool tool) =>
        $"Scope `{ToolCatalog.ScopeOf(tool)}`; " + (tool.Annotations?.ReadOnlyHint == true
            ? "served in every mode."
            : tool.Name == CommandTool
                ? "served in every mode: read-only mode runs only the read-only command set, other modes what the command policy allows, after confirmation."
                : "served in operator and admin modes; every call asks for confirmation.");

    private static string Annotations(ToolAnnotations? a) =>
        a is null ? "no annotations" : string.Join(", ", new[]
        {
            a.ReadOnlyHint == true ? "read-only" : "writes",
            a.DestructiveHint == true ? "destructive" : "not destructive",
            a.IdempotentHint == true ? "idempotent" : "not idempotent",
            a.OpenWorldHint == true ? "open world" : "closed world",
        });

    private static void AppendParameters(StringBuilder md, JsonElement schema)
    {
        if (!schema.TryGetProperty("properties", out var properties) || !properties.EnumerateObject().Any())
        {
            md.Append("No parameters.\n\n");
            return;
        }

        var required = schema.TryGetProperty("required", out var r) ? r.EnumerateArray().Select(x => x.GetString()).ToHashSet() : [];
        md.Append("| parameter | type | default | description |\n|---|---|---|---|\n");
        foreach (var p in properties.EnumerateObject())
        {
            md.Append("| `").Append(p.Name).Append("` | ").Append(TypeOf(p.Value)).Append(" | ")
              .Append(p.Value.TryGetProperty("default", out var d) ? $"`{d.GetRawText()}`" : required.Contains(p.Name) ? "required" : "not given").Append(" | ")
              .Append(Cell(Describe(p.Value))).Append(" |\n");
        }

        md.Append('\n');
    }

    private static void AppendFields(StringBuilder md, JsonElement schema)
    {
        if (!schema.TryGetProperty("properties", out var properties))
        {
            return;
        }

        // Fan-out answers: describe the per-host result, which is what differs from tool to tool.
        if (properties.TryGetProperty("hosts", out var hosts) && properties.TryGetProperty("summary", out _)
            && hosts.TryGetProperty("items", out var outcome) && outcome.TryGetProperty("properties", out var outcomeFields)
            && outcomeFields.TryGetProperty("result", out var result) && result.TryGetProperty("properties", out var resultFields))
        {
            properties = resultFields;
            md.Append("Per-host `result` (structured content: `summary`, then `hosts[]` with `host`, `status`, `duration_seconds`, `error`, `result`):\n\n");
        }
        else
        {
            md.Append("Returns (structured content):\n\n");
        }

        md.Append("| field | type | description |\n|---|---|---|\n");
        foreach (var p in properties.EnumerateObject())
        {
            md.Append("| `").Append(p.Name).Append("` | ").Append(TypeOf(p.Value)).Append(" | ").Append(Cell(Describe(p.Value))).Append(" |\n");
            if (ItemFields(p.Value) is { } items)
            {
                foreach (var item in items.EnumerateObject())
                {
                    md.Append("| `").Append(p.Name).Append('.').Append(item.Name).Append("` | ").Append(TypeOf(item.Value)).Append(" | ")
                      .Append(Cell(Describe(item.Value))).Append(" |\n");
                }
            }
        }

        md.Append('\n');
    }

    private static JsonElement? ItemFields(JsonElement schema)
    {
        var target = schema.TryGetProperty("items", out var items) ? items : schema;
        return target.TryGetProperty("properties", out var properties) ? properties : null;
    }

    private static string Describe(JsonElement schema)
    {
        var text = schema.TryGetProperty("description", out var d) ? d.GetString() ?? string.Empty : string.Empty;
        var bounds = new List<string>();
        if (schema.TryGetProperty("enum", out var values))
        {
            bounds.Add("one of " + string.Join(", ", values.EnumerateArray().Select(v => $"`{v.GetRawText()}`")));
        }

        return bounds.Count == 0 ? text : $"{text} ({string.Join("; ", bounds)})";
    }

    private static string TypeOf(JsonElement schema)
    {
        if (!schema.TryGetProperty("type", out var type))
        {
            return schema.TryGetProperty("enum", out _) ? "string" : "any";
        }

        var names = type.ValueKind == JsonValueKind.Array
            ? type.EnumerateArray().Select(t => t.GetString()).Where(t => t != "null").ToList()
            : [type.GetString()];
        var name = string.Join(" or ", names);
        if (name == "array" && schema.TryGetProperty("items", out var items))
        {
            name = $"array of {TypeOf(items).Replace(" or null", string.Empty, StringComparison.Ordinal)}";
        }

        return type.ValueKind == JsonValueKind.Array && type.EnumerateArray().Any(t => t.GetString() == "null") ? name + " or null" : name;
    }

    private static string Cell(string text) => text.Replace("|", "\\|", StringComparison.Ordinal).Replace("\n", " ", StringComparison.Ordinal);
}
