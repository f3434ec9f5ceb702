using System.Globalization;
using System.Text.Json;

namespace Bastion.Providers.WebOps.Client;

/// <summary>
/// Tolerant reads of WebOps's JSON: a missing field, a null or a value of another type gives null rather than an
/// exception, because several of its shapes are undocumented and differ between versions.
/// </summary>
internal static class JsonRead
{
    public static JsonElement? Child(this JsonElement e, string name) =>
        e.ValueKind == JsonValueKind.Object && e.TryGetProperty(name, out var v) && v.ValueKind != JsonValueKind.Null ? v : null;

    public static string? Str(this JsonElement e, string name) => e.Child(name) is { } v
        ? v.ValueKind switch
        {
            JsonValueKind.String => v.GetString(),
            JsonValueKind.Number or JsonValueKind.True or JsonValueKind.False => v.GetRawText(),
            _ => null,
        }
        : null;

    public static double? Num(this JsonElement e, string name) => e.Child(name) is { } v
        ? v.ValueKind == JsonValueKind.Number ? v.GetDouble()
        : v.ValueKind == JsonValueKind.String && double.TryParse(v.GetString(), NumberStyles.Float, CultureInfo.InvariantCulture, out var d) ? d
        : null
        : null;

    public static int? Int(this JsonElement e, string name) => e.Num(name) is { } d && d is >= int.MinValue and <= int.MaxValue ? (int)Math.Round(d) : null;

    public static bool? Bool(this JsonElement e, string name) => e.Child(name) is { } v && v.ValueKind is JsonValueKind.True or JsonValueKind.False ? v.GetBoolean() : null;

    public static DateTimeOffset? Time(this JsonElement e, string name) =>
        e.Str(name) is { } text && DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var t) ? t.ToUniversalTime() : null;

    public static IEnumerable<JsonElement> Items(this JsonElement e, string name) =>
        e.Child(name) is { ValueKind: JsonValueKind.Array } a ? a.EnumerateArray() : [];
}
