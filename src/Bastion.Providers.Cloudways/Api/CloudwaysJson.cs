using System.Globalization;
using System.Text.Json;

namespace Bastion.Providers.Cloudways.Api;

/// <summary>
/// Reads Cloudways JSON, which returns most numbers and flags as strings (<c>"id":"50482"</c>,
/// <c>"is_completed":"0"</c>) and sometimes as numbers: every reader accepts both.
/// </summary>
internal static class CloudwaysJson
{
    /// <summary>The property <paramref name="name"/> of an object; null when missing, null, or not an object.</summary>
    public static JsonElement? Get(JsonElement element, string name) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var value) && value.ValueKind != JsonValueKind.Null ? value : null;

    /// <summary>A string or number as text; null when missing or empty.</summary>
    public static string? Text(JsonElement element, string name) => Get(element, name) switch
    {
        { ValueKind: JsonValueKind.String } s when s.GetString() is { Length: > 0 } text => text,
        { ValueKind: JsonValueKind.Number } n => n.GetRawText(),
        { ValueKind: JsonValueKind.True } => "true",
        { ValueKind: JsonValueKind.False } => "false",
        _ => null,
    };

    /// <summary>An integer given as a number or a numeric string; null otherwise.</summary>
    public static long? Long(JsonElement element, string name) =>
        Text(element, name) is { } text && long.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) ? value : null;

    /// <summary>A number given as a number or a numeric string; null otherwise.</summary>
    public static double? Double(JsonElement element, string name) =>
        Text(element, name) is { } text && double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) ? value : null;

    /// <summary>A flag given as true/false, 1/0 or "1"/"0"/"true"/"false"; null otherwise.</summary>
    public static bool? Flag(JsonElement element, string name) => Text(element, name)?.ToLowerInvariant() switch
    {
        "1" or "true" or "yes" => true,
        "0" or "false" or "no" => false,
        _ => null,
    };

    /// <summary>An integer from an element that is itself a number or a numeric string.</summary>
    public static long? AsLong(JsonElement element) => element.ValueKind switch
    {
        JsonValueKind.Number when element.TryGetInt64(out var n) => n,
        JsonValueKind.Number when element.TryGetDouble(out var d) => (long)d,
        JsonValueKind.String when long.TryParse(element.GetString(), NumberStyles.Integer, CultureInfo.InvariantCulture, out var s) => s,
        _ => null,
    };

    /// <summary>A number from an element that is itself a number or a numeric string.</summary>
    public static double? AsDouble(JsonElement element) => element.ValueKind switch
    {
        JsonValueKind.Number => element.GetDouble(),
        JsonValueKind.String when double.TryParse(element.GetString(), NumberStyles.Float, CultureInfo.InvariantCulture, out var s) => s,
        _ => null,
    };

    /// <summary>The elements of an array, or the values of an object keyed by id (Cloudways uses both for lists).</summary>
    public static IEnumerable<JsonElement> Items(JsonElement? element) => element switch
    {
        { ValueKind: JsonValueKind.Array } array => array.EnumerateArray(),
        { ValueKind: JsonValueKind.Object } map => map.EnumerateObject().Select(p => p.Value),
        _ => [],
    };
}
