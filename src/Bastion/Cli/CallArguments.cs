using System.Globalization;
using System.Text.Json;

namespace Bastion.Cli;

/// <summary>
/// Turns <c>key=value</c> words from the command line into tool arguments, typed by the tool's input schema:
/// <c>limit=5</c> becomes the number 5 where limit is an integer, <c>ignore_case=true</c> a boolean, and so on.
/// A value the schema cannot take is passed on as a string, and the server's validation says what is accepted.
/// </summary>
internal static class CallArguments
{
    /// <exception cref="ArgumentException">A word without '='.</exception>
    public static Dictionary<string, object?> Parse(IEnumerable<string> words, JsonElement inputSchema)
    {
        var properties = inputSchema.TryGetProperty("properties", out var p) ? p : default;
        var result = new Dictionary<string, object?>(StringComparer.Ordinal);
        foreach (var word in words)
        {
            var eq = word.IndexOf('=', StringComparison.Ordinal);
            if (eq <= 0)
            {
                throw new ArgumentException($"'{word}' is not key=value. Example: bastion call processes_list sort=memory limit=5");
            }

            var key = word[..eq];
            var value = word[(eq + 1)..];
            var types = properties.ValueKind == JsonValueKind.Object && properties.TryGetProperty(key, out var schema) ? Types(schema) : [];
            result[key] = Convert(value, types);
        }

        return result;
    }

    private static object? Convert(string value, IReadOnlyList<string> types)
    {
        if (types.Contains("integer") && long.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var whole))
        {
            return whole;
        }

        if (types.Contains("number") && double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var number))
        {
            return number;
        }

        if (types.Contains("boolean") && bool.TryParse(value, out var flag))
        {
            return flag;
        }

        if ((types.Contains("array") || types.Contains("object")) && value.Length > 0 && value[0] is '[' or '{')
        {
            try
            {
                return JsonDocument.Parse(value).RootElement.Clone();
            }
            catch (JsonException)
            {
                return value;
            }
        }

        return value;
    }

    private static List<string> Types(JsonElement schema) =>
        !schema.TryGetProperty("type", out var type) ? []
        : type.ValueKind == JsonValueKind.Array ? type.EnumerateArray().Select(t => t.GetString() ?? string.Empty).ToList()
        : [type.GetString() ?? string.Empty];
}
