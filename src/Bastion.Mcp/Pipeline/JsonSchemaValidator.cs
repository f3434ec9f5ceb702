using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace Bastion.Mcp.Pipeline;

/// <summary>
/// Checks a JSON value against the JSON Schema subset that tool schemas use: <c>type</c> (one or several),
/// <c>enum</c>, <c>const</c>, <c>properties</c>, <c>required</c>, <c>additionalProperties</c>, <c>items</c>,
/// <c>prefixItems</c> (2020-12: <c>items</c> then covers the items after them), <c>minItems</c>/<c>maxItems</c>,
/// <c>anyOf</c>/<c>oneOf</c>, numeric and length bounds, <c>pattern</c> and local <c>$ref</c>s. Each problem is reported
/// as a sentence naming the JSON path, what was found and what is accepted.
/// </summary>
public static class JsonSchemaValidator
{
    /// <summary>Problems found; empty when <paramref name="value"/> conforms to <paramref name="schema"/>.</summary>
    /// <param name="value">The instance.</param>
    /// <param name="schema">The schema (its <c>$ref</c>s resolve against itself).</param>
    /// <param name="lenientNumbers">Accept strings that hold a number where a number is expected (as the deserializer does).</param>
    public static IReadOnlyList<string> Validate(JsonElement value, JsonElement schema, bool lenientNumbers = false)
    {
        var errors = new List<string>();
        Check(value, schema, schema, "$", lenientNumbers, errors);
        return errors;
    }

    private static void Check(JsonElement value, JsonElement schema, JsonElement root, string path, bool lenient, List<string> errors)
    {
        if (schema.ValueKind == JsonValueKind.True || schema.ValueKind != JsonValueKind.Object)
        {
            return;
        }

        if (schema.TryGetProperty("$ref", out var reference))
        {
            schema = Resolve(root, reference.GetString() ?? string.Empty);
        }

        if (schema.TryGetProperty("type", out var type) && !TypeMatches(value, type, lenient))
        {
            errors.Add($"{path}: expected {Describe(type)}, got {Kind(value)}.");
            return;
        }

        if (schema.TryGetProperty("enum", out var allowed) && !allowed.EnumerateArray().Any(a => JsonElement.DeepEquals(a, value)))
        {
            errors.Add($"{path}: {Show(value)} is not one of {string.Join(", ", allowed.EnumerateArray().Select(Show))}.");
        }

        if (schema.TryGetProperty("const", out var constant) && !JsonElement.DeepEquals(constant, value))
        {
            errors.Add($"{path}: must be {Show(constant)}.");
        }

        CheckAlternatives(value, schema, root, path, lenient, errors);
        CheckNumber(value, schema, path, lenient, errors);
        CheckString(value, schema, path, errors);

        if (value.ValueKind == JsonValueKind.Object)
        {
            CheckObject(value, schema, root, path, lenient, errors);
        }
        else if (value.ValueKind == JsonValueKind.Array)
        {
            CheckArray(value, schema, root, path, lenient, errors);
        }
    }

    private static void CheckArray(JsonElement value, JsonElement schema, JsonElement root, string path, bool lenient, List<string> errors)
    {
        var length = value.GetArrayLength();
        if (schema.TryGetProperty("minItems", out var min) && length < min.GetInt32())
        {
            errors.Add($"{path}: has {length} item{(length == 1 ? string.Empty : "s")}; at least {min.GetInt32()} are expected.");
        }

        if (schema.TryGetProperty("maxItems", out var max) && length > max.GetInt32())
        {
            errors.Add($"{path}: has {length} items; at most {max.GetInt32()} are accepted.");
        }

        var prefix = schema.TryGetProperty("prefixItems", out var p) ? p : default;
        var positional = prefix.ValueKind == JsonValueKind.Array ? prefix.GetArrayLength() : 0;
        var items = schema.TryGetProperty("items", out var rest) ? rest : default;
        var i = 0;
        foreach (var item in value.EnumerateArray())
        {
            var itemSchema = i < positional ? prefix[i] : items;
            if (itemSchema.ValueKind != JsonValueKind.Undefined)
            {
                Check(item, itemSchema, root, $"{path}[{i}]", lenient, errors);
            }

            i++;
        }
    }

    private static void CheckAlternatives(JsonElement value, JsonElement schema, JsonElement root, string path, bool lenient, List<string> errors)
    {
        foreach (var keyword in (string[])["anyOf", "oneOf"])
        {
            if (schema.TryGetProperty(keyword, out var options)
                && !options.EnumerateArray().Any(o => Validate(value, o, root, lenient)))
            {
                errors.Add($"{path}: {Show(value)} matches none of the accepted forms.");
            }
        }
    }

    private static bool Validate(JsonElement value, JsonElement schema, JsonElement root, bool lenient)
    {
        var errors = new List<string>();
        Check(value, schema, root, "$", lenient, errors);
        return errors.Count == 0;
    }

    private static void CheckObject(JsonElement value, JsonElement schema, JsonElement root, string path, bool lenient, List<string> errors)
    {
        var properties = schema.TryGetProperty("properties", out var p) ? p : default;
        if (schema.TryGetProperty("required", out var required))
        {
            foreach (var name in required.EnumerateArray().Select(r => r.GetString()!))
            {
                if (!value.TryGetProperty(name, out _))
                {
                    errors.Add($"{path}: '{name}' is required.");
                }
            }
        }

        var additional = schema.TryGetProperty("additionalProperties", out var a) ? a : default;
        foreach (var property in value.EnumerateObject())
        {
            if (properties.ValueKind == JsonValueKind.Object && properties.TryGetProperty(property.Name, out var propertySchema))
            {
                Check(property.Value, propertySchema, root, $"{path}.{property.Name}", lenient, errors);
            }
            else if (additional.ValueKind == JsonValueKind.False)
            {
                var accepted = properties.ValueKind == JsonValueKind.Object ? string.Join(", ", properties.EnumerateObject().Select(x => x.Name)) : "none";
                errors.Add($"{path}: unknown property '{property.Name}'; accepted: {accepted}.");
            }
            else if (additional.ValueKind == JsonValueKind.Object)
            {
                Check(property.Value, additional, root, $"{path}.{property.Name}", lenient, errors);
            }
        }
    }

    private static void CheckNumber(JsonElement value, JsonElement schema, string path, bool lenient, List<string> errors)
    {
        if (Number(value, lenient) is not { } n)
        {
            return;
        }

        if (schema.TryGetProperty("minimum", out var min) && n < min.GetDouble())
        {
            errors.Add($"{path}: {Show(value)} is below the minimum {min.GetRawText()}{Range(schema)}.");
        }

        if (schema.TryGetProperty("maximum", out var max) && n > max.GetDouble())
        {
            errors.Add($"{path}: {Show(value)} is above the maximum {max.GetRawText()}{Range(schema)}.");
        }

        if (schema.TryGetProperty("exclusiveMinimum", out var xmin) && xmin.ValueKind == JsonValueKind.Number && n <= xmin.GetDouble())
        {
            errors.Add($"{path}: {Show(value)} must be greater than {xmin.GetRawText()}.");
        }

        if (schema.TryGetProperty("exclusiveMaximum", out var xmax) && xmax.ValueKind == JsonValueKind.Number && n >= xmax.GetDouble())
        {
            errors.Add($"{path}: {Show(value)} must be less than {xmax.GetRawText()}.");
        }
    }

    private static void CheckString(JsonElement value, JsonElement schema, string path, List<string> errors)
    {
        if (value.ValueKind != JsonValueKind.String)
        {
            return;
        }

        var text = value.GetString()!;
        if (schema.TryGetProperty("minLength", out var min) && text.Length < min.GetInt32())
        {
            errors.Add($"{path}: must be at least {min.GetInt32()} characters long.");
        }

        if (schema.TryGetProperty("maxLength", out var max) && text.Length > max.GetInt32())
        {
            errors.Add($"{path}: is {text.Length} characters long; at most {max.GetInt32()} are accepted.");
        }

        if (schema.TryGetProperty("pattern", out var pattern)
            && !Regex.IsMatch(text, pattern.GetString()!, RegexOptions.None, TimeSpan.FromMilliseconds(100)))
        {
            errors.Add($"{path}: {Show(value)} does not match the pattern {pattern.GetString()}.");
        }
    }

    private static string Range(JsonElement schema) =>
        schema.TryGetProperty("minimum", out var min) && schema.TryGetProperty("maximum", out var max)
            ? $" (accepted: {min.GetRawText()} to {max.GetRawText()})"
            : string.Empty;

    private static bool TypeMatches(JsonElement value, JsonElement type, bool lenient) =>
        type.ValueKind == JsonValueKind.Array
            ? type.EnumerateArray().Any(t => IsType(value, t.GetString(), lenient))
            : IsType(value, type.GetString(), lenient);

    private static bool IsType(JsonElement value, string? type, bool lenient) => type switch
    {
        "object" => value.ValueKind == JsonValueKind.Object,
        "array" => value.ValueKind == JsonValueKind.Array,
        "string" => value.ValueKind == JsonValueKind.String,
        "boolean" => value.ValueKind is JsonValueKind.True or JsonValueKind.False,
        "null" => value.ValueKind == JsonValueKind.Null,
        "number" => Number(value, lenient) is not null,
        "integer" => Number(value, lenient) is { } n && Math.Floor(n) == n && !double.IsInfinity(n),
        _ => true,
    };

    private static double? Number(JsonElement value, bool lenient) => value.ValueKind switch
    {
        JsonValueKind.Number => value.GetDouble(),
        JsonValueKind.String when lenient && double.TryParse(value.GetString(), NumberStyles.Float, CultureInfo.InvariantCulture, out var n) => n,
        _ => null,
    };

    private static JsonElement Resolve(JsonElement root, string reference)
    {
        if (!reference.StartsWith('#'))
        {
            throw new NotSupportedException($"Only local $refs are supported, not '{reference}'.");
        }

        var node = root;
        foreach (var token in reference[1..].Split('/', StringSplitOptions.RemoveEmptyEntries))
        {
            var name = token.Replace("~1", "/", StringComparison.Ordinal).Replace("~0", "~", StringComparison.Ordinal);
            node = node.ValueKind == JsonValueKind.Array ? node[int.Parse(name, CultureInfo.InvariantCulture)] : node.GetProperty(name);
        }

        return node;
    }

    private static string Describe(JsonElement type) =>
        type.ValueKind == JsonValueKind.Array ? string.Join(" or ", type.EnumerateArray().Select(t => Article(t.GetString()))) : Article(type.GetString());

    private static string Article(string? type) => type switch
    {
        "integer" => "an integer",
        "object" => "an object",
        "array" => "an array",
        "null" => "null",
        _ => $"a {type}",
    };

    private static string Kind(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.Number => $"the number {value.GetRawText()}",
        JsonValueKind.String => $"the string {Show(value)}",
        JsonValueKind.True or JsonValueKind.False => $"the boolean {value.GetRawText()}",
        JsonValueKind.Null => "null",
        JsonValueKind.Array => "an array",
        _ => "an object",
    };

    private static string Show(JsonElement value)
    {
        var raw = value.GetRawText();
        return raw.Length <= 80 ? raw : raw[..80] + "…";
    }
}
