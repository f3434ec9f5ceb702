using System.Globalization;
using System.Text.Json;

namespace Bastion.Providers;

/// <summary>
/// Lenient reads of a platform's JSON, shared by every provider: a missing field, a null or a value of another type
/// reads as null (or empty) rather than throwing, because platforms leave fields out, send numbers as strings and change
/// shapes between versions. Numbers accept JSON numbers and numeric strings (invariant culture); times accept ISO-8601
/// (a time without offset is UTC) and are returned in UTC.
/// </summary>
public static class LenientJson
{
    /// <summary>The field <paramref name="name"/> of an object; null when absent, null, or <paramref name="element"/> is no object.</summary>
    public static JsonElement? Field(this JsonElement element, string name) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var value) && value.ValueKind is not (JsonValueKind.Null or JsonValueKind.Undefined)
            ? value
            : null;

    /// <summary>A string field; a number or boolean reads as its JSON text.</summary>
    public static string? Str(this JsonElement element, string name) => element.Field(name) switch
    {
        { ValueKind: JsonValueKind.String } v => v.GetString(),
        { ValueKind: JsonValueKind.Number } v => v.GetRawText(),
        { ValueKind: JsonValueKind.True } => "true",
        { ValueKind: JsonValueKind.False } => "false",
        _ => null,
    };

    /// <summary>A number field, or a string holding one.</summary>
    public static double? Num(this JsonElement element, string name) => element.Field(name) switch
    {
        { ValueKind: JsonValueKind.Number } v => v.GetDouble(),
        { ValueKind: JsonValueKind.String } v when double.TryParse(v.GetString(), NumberStyles.Float, CultureInfo.InvariantCulture, out var d) => d,
        _ => null,
    };

    /// <summary>A number field rounded to an int; null when out of range.</summary>
    public static int? Int(this JsonElement element, string name) =>
        element.Num(name) is { } d && d is >= int.MinValue and <= int.MaxValue ? (int)Math.Round(d) : null;

    /// <summary>A number field rounded to a long; null when out of range.</summary>
    public static long? Long(this JsonElement element, string name) =>
        element.Num(name) is { } d && d is >= long.MinValue and <= long.MaxValue ? (long)Math.Round(d) : null;

    /// <summary>A JSON boolean field.</summary>
    public static bool? Bool(this JsonElement element, string name) => element.Field(name) switch
    {
        { ValueKind: JsonValueKind.True } => true,
        { ValueKind: JsonValueKind.False } => false,
        _ => null,
    };

    /// <summary>An ISO-8601 time field, in UTC.</summary>
    public static DateTimeOffset? Time(this JsonElement element, string name) =>
        element.Str(name) is { } text && DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var t)
            ? t.ToUniversalTime()
            : null;

    /// <summary>The elements of an array field; empty when it is absent or no array.</summary>
    public static IEnumerable<JsonElement> Items(this JsonElement element, string name) =>
        element.Field(name) is { ValueKind: JsonValueKind.Array } a ? a.EnumerateArray() : [];
}
