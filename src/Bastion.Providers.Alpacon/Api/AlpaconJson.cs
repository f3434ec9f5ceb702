using System.Globalization;
using System.Text.Json;

namespace Bastion.Providers.Alpacon.Api;

/// <summary>Lenient reads of Alpacon's JSON: a missing field, or one of another type, reads as null.</summary>
internal static class AlpaconJson
{
    public static JsonElement? Field(this JsonElement element, string name) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var value) && value.ValueKind is not (JsonValueKind.Null or JsonValueKind.Undefined)
            ? value
            : null;

    public static string? Str(this JsonElement element, string name) => element.Field(name) switch
    {
        { ValueKind: JsonValueKind.String } v => v.GetString(),
        { ValueKind: JsonValueKind.Number } v => v.GetRawText(),
        { ValueKind: JsonValueKind.True } => "true",
        { ValueKind: JsonValueKind.False } => "false",
        _ => null,
    };

    public static double? Num(this JsonElement element, string name) => element.Field(name) switch
    {
        { ValueKind: JsonValueKind.Number } v => v.GetDouble(),
        { ValueKind: JsonValueKind.String } v when double.TryParse(v.GetString(), NumberStyles.Float, CultureInfo.InvariantCulture, out var d) => d,
        _ => null,
    };

    public static int? Int(this JsonElement element, string name) =>
        element.Num(name) is { } d && d >= int.MinValue && d <= int.MaxValue ? (int)d : null;

    public static long? Long(this JsonElement element, string name) =>
        element.Num(name) is { } d ? (long)d : null;

    public static bool? Bool(this JsonElement element, string name) => element.Field(name) switch
    {
        { ValueKind: JsonValueKind.True } => true,
        { ValueKind: JsonValueKind.False } => false,
        _ => null,
    };

    /// <summary>An id or name of a nested object (<c>{"id","name"}</c>), or the field itself when it is a string.</summary>
    public static string? Ref(this JsonElement element, string name, string inner = "name") => element.Field(name) switch
    {
        { ValueKind: JsonValueKind.Object } o => o.Str(inner),
        { ValueKind: JsonValueKind.String } v => v.GetString(),
        _ => null,
    };

    public static DateTimeOffset? Time(this JsonElement element, string name) =>
        element.Str(name) is { } text && DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var t)
            ? t.ToUniversalTime()
            : null;

    public static IReadOnlyList<string> Strings(this JsonElement element, string name) => element.Field(name) switch
    {
        { ValueKind: JsonValueKind.Array } a => a.EnumerateArray().Select(e => e.ValueKind == JsonValueKind.String ? e.GetString()! : e.Ref("name") ?? e.GetRawText()).ToList(),
        _ => [],
    };
}
