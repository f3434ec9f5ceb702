using System.Globalization;
using System.Text.Json;

namespace Bastion.Providers;

/// <summary>
/// Lenient reads of a platform's JSON, shared by every provider: a missing field, a null or a value of another type
/// reads as null (or empty) rather than throwing, because platforms leave fields out, send numbers as strings and change
/// shapes between versions. Numbers accept JSON numbers and numeric strings (invariant culture, a trailing <c>%</c>
/// allowed: <c>"37.5%"</c> reads as 37.5); flags accept booleans, <c>1</c>/<c>0</c> and the strings <c>"true"</c>,
/// <c>"1"</c>, <c>"yes"</c> and their opposites; times accept ISO-8601 (a time without offset is UTC; an offset may be
/// written <c>+0000</c>) and are returned in UTC. A list may come as an array or as an object keyed by id.
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

    /// <summary>A string field, or a number or boolean as its JSON text; null when absent or empty.</summary>
    public static string? Text(this JsonElement element, string name) => element.Str(name) is { Length: > 0 } text ? text : null;

    /// <summary>A number field, or a string holding one.</summary>
    public static double? Num(this JsonElement element, string name) => element.Field(name)?.AsNum();

    /// <summary>The element itself read as a number: a JSON number, or a string holding one (a trailing <c>%</c> allowed).</summary>
    public static double? AsNum(this JsonElement element) => element.ValueKind switch
    {
        JsonValueKind.Number => element.GetDouble(),
        JsonValueKind.String when double.TryParse(element.GetString()?.TrimEnd('%'), NumberStyles.Float, CultureInfo.InvariantCulture, out var d) => d,
        _ => null,
    };

    /// <summary>The element itself read as a whole number, rounded; null when it is none or out of range.</summary>
    public static long? AsLong(this JsonElement element) =>
        element.AsNum() is { } d && d is >= long.MinValue and <= long.MaxValue ? (long)Math.Round(d) : null;

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

    /// <summary>A flag: a JSON boolean, 1 or 0, or the strings true/false, 1/0, yes/no (any case).</summary>
    public static bool? Flag(this JsonElement element, string name) => element.Str(name)?.ToLowerInvariant() switch
    {
        "1" or "true" or "yes" => true,
        "0" or "false" or "no" => false,
        _ => null,
    };

    /// <summary>An ISO-8601 time field, in UTC.</summary>
    public static DateTimeOffset? Time(this JsonElement element, string name) => ParseTime(element.Str(name));

    /// <summary>An ISO-8601 time in UTC; a time without offset is UTC, an offset may be written <c>+0000</c>; null when unreadable.</summary>
    public static DateTimeOffset? ParseTime(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return null;
        }

        // +0000 → +00:00, which the parser reads.
        var normalised = text.Length > 5 && (text[^5] is '+' or '-') && char.IsAsciiDigit(text[^1]) && char.IsAsciiDigit(text[^4]) ? text[..^2] + ":" + text[^2..] : text;
        return DateTimeOffset.TryParse(normalised, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var t) ? t.ToUniversalTime() : null;
    }

    /// <summary>The object field <paramref name="name"/>; null when absent or no object.</summary>
    public static JsonElement? Object(this JsonElement element, string name) =>
        element.Field(name) is { ValueKind: JsonValueKind.Object } o ? o : null;

    /// <summary>The elements of an array, or the values of an object keyed by id (platforms use both for lists); empty otherwise.</summary>
    public static IEnumerable<JsonElement> Values(this JsonElement? element) => element switch
    {
        { ValueKind: JsonValueKind.Array } array => array.EnumerateArray(),
        { ValueKind: JsonValueKind.Object } map => map.EnumerateObject().Select(p => p.Value),
        _ => [],
    };

    /// <summary>The elements of an array field; empty when it is absent or no array.</summary>
    public static IEnumerable<JsonElement> Items(this JsonElement element, string name) =>
        element.Field(name) is { ValueKind: JsonValueKind.Array } a ? a.EnumerateArray() : [];
}
