using System.Text.Json;
using System.Text.Json.Nodes;

namespace Bastion.Tests;

/// <summary>
/// A made-up value for a JSON schema (a tool's output schema): every property present and not null, two items per array,
/// the first enum value, a date-time for date-time strings; a value of any type is a record with nested records and lists,
/// so answers a platform passes through untyped are exercised too.
/// </summary>
internal static class SchemaSample
{
    public static JsonNode? For(JsonElement schema) => Make(schema, schema, "value", 0);

    private static JsonNode? Make(JsonElement schema, JsonElement root, string name, int depth)
    {
        if (schema.TryGetProperty("$ref", out var reference))
        {
            schema = Resolve(root, reference.GetString()!);
        }

        foreach (var combinator in new[] { "anyOf", "oneOf", "allOf" })
        {
            if (schema.TryGetProperty(combinator, out var options))
            {
                var pick = options.EnumerateArray().FirstOrDefault(o => Type(o) != "null");
                return pick.ValueKind == JsonValueKind.Undefined ? null : Make(pick, root, name, depth);
            }
        }

        if (schema.TryGetProperty("enum", out var values) && values.EnumerateArray().FirstOrDefault(v => v.ValueKind != JsonValueKind.Null) is { ValueKind: not JsonValueKind.Undefined } first)
        {
            return JsonNode.Parse(first.GetRawText());
        }

        switch (Type(schema))
        {
            case "object":
                var record = new JsonObject();
                if (schema.TryGetProperty("properties", out var properties) && properties.EnumerateObject().Any())
                {
                    foreach (var property in properties.EnumerateObject())
                    {
                        record[property.Name] = Make(property.Value, root, property.Name, depth + 1);
                    }
                }
                else
                {
                    record["env"] = "prod";
                }

                return record;
            case "array":
                var array = new JsonArray();
                var items = schema.TryGetProperty("items", out var i) ? i : default;
                for (var n = 0; n < 2; n++)
                {
                    array.Add(items.ValueKind == JsonValueKind.Object ? Make(items, root, name, depth + 1) : Any(depth + 1));
                }

                return array;
            case "string":
                return schema.TryGetProperty("format", out var format) && format.GetString() == "date-time" ? "2026-12-06T08:30:00+00:00" : $"{name}-sample";
            case "integer":
                return 3;
            case "number":
                return 12.5;
            case "boolean":
                return true;
            case "null":
                return null;
            default:
                return Any(depth);
        }
    }

    /// <summary>A schema's type, the first that is not null when it lists several; null when it names none.</summary>
    private static string? Type(JsonElement schema) =>
        !schema.TryGetProperty("type", out var type) ? null
        : type.ValueKind == JsonValueKind.Array ? type.EnumerateArray().Select(t => t.GetString()).FirstOrDefault(t => t != "null") ?? "null"
        : type.GetString();

    /// <summary>What a platform might pass through untyped: a record with scalars, a nested record, a list and a list of records.</summary>
    private static JsonObject Any(int depth)
    {
        var record = new JsonObject
        {
            ["id"] = "a1",
            ["name"] = "sample",
            ["used_percent"] = 41.5,
            ["size_bytes"] = 1048576,
            ["tags"] = new JsonArray("red", "blue"),
        };
        if (depth < 4)
        {
            record["details"] = new JsonObject { ["state"] = "running", ["since"] = "2026-12-06T08:00:00Z", ["limits"] = new JsonObject { ["cpu"] = 2, ["memory_mb"] = 512 } };
            record["rows"] = new JsonArray(new JsonObject { ["name"] = "r1", ["value"] = 1 }, new JsonObject { ["name"] = "r2", ["value"] = 2 });
        }

        return record;
    }

    private static JsonElement Resolve(JsonElement root, string reference)
    {
        if (!reference.StartsWith("#/", StringComparison.Ordinal))
        {
            throw new InvalidOperationException($"Only local references are followed, not '{reference}'.");
        }

        var current = root;
        foreach (var segment in reference[2..].Split('/'))
        {
            var key = segment.Replace("~1", "/", StringComparison.Ordinal).Replace("~0", "~", StringComparison.Ordinal);
            current = current.ValueKind == JsonValueKind.Array ? current[int.Parse(key, System.Globalization.CultureInfo.InvariantCulture)] : current.GetProperty(key);
        }

        return current;
    }
}
