using System.Text.Json;
using ModelContextProtocol.Server;

namespace Bastion.Mcp.Pipeline;

/// <summary>Checks a call's arguments against the tool's input schema, so that every tool gets the same clear errors.</summary>
public static class ArgumentCheck
{
    /// <summary>Null when the arguments fit the tool's input schema; otherwise every problem in one sentence list.</summary>
    public static string? Problems(McpServerTool tool, IDictionary<string, JsonElement>? arguments)
    {
        ArgumentNullException.ThrowIfNull(tool);
        var schema = LeanTool.ArgumentsSchemaOf(tool);
        var properties = schema.TryGetProperty("properties", out var p) ? p : default;
        var problems = new List<string>();
        foreach (var (key, value) in arguments ?? new Dictionary<string, JsonElement>())
        {
            if (properties.ValueKind != JsonValueKind.Object || !properties.TryGetProperty(key, out var propertySchema))
            {
                var accepted = properties.ValueKind == JsonValueKind.Object ? string.Join(", ", properties.EnumerateObject().Select(x => x.Name)) : "none";
                problems.Add($"unknown argument '{key}' (accepted: {accepted})");
                continue;
            }

            problems.AddRange(JsonSchemaValidator.Validate(value, propertySchema, lenientNumbers: true)
                .Select(e => key + e.TrimStart('$').TrimEnd('.')));
        }

        if (schema.TryGetProperty("required", out var required))
        {
            problems.AddRange(required.EnumerateArray()
                .Select(r => r.GetString()!)
                .Where(r => arguments is null || !arguments.ContainsKey(r))
                .Select(r => $"'{r}' is required"));
        }

        return problems.Count == 0 ? null : string.Join("; ", problems) + ".";
    }
}
