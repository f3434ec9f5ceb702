using System.Globalization;
using System.Text.Json;

namespace Bastion.Providers.CloudStack.Api;

/// <summary>
/// Reads fields of CloudStack's JSON leniently: a field may be missing, numbers sometimes come as strings
/// (<c>"percentused":"37.5"</c>), booleans sometimes as <c>"false"</c>, and times as <c>2025-11-08T10:00:00+0000</c>.
/// </summary>
internal static class CloudStackJson
{
    public static string? Str(JsonElement e, string name) =>
        e.ValueKind == JsonValueKind.Object && e.TryGetProperty(name, out var v)
            ? v.ValueKind switch
            {
                JsonValueKind.String => v.GetString(),
                JsonValueKind.Number or JsonValueKind.True or JsonValueKind.False => v.GetRawText(),
                _ => null,
            }
            : null;

    public static long? Long(JsonElement e, string name) =>
        e.ValueKind == JsonValueKind.Object && e.TryGetProperty(name, out var v)
            ? v.ValueKind switch
            {
                JsonValueKind.Number when v.TryGetInt64(out var n) => n,
                JsonValueKind.Number => (long)v.GetDouble(),
                JsonValueKind.String when long.TryParse(v.GetString(), NumberStyles.Integer, CultureInfo.InvariantCulture, out var n) => n,
                _ => null,
            }
            : null;

    public static int? Int(JsonElement e, string name) => Long(e, name) is { } n ? (int)Math.Clamp(n, int.MinValue, int.MaxValue) : null;

    public static double? Double(JsonElement e, string name) =>
        e.ValueKind == JsonValueKind.Object && e.TryGetProperty(name, out var v)
            ? v.ValueKind switch
            {
                JsonValueKind.Number => v.GetDouble(),
                JsonValueKind.String when double.TryParse(v.GetString()?.TrimEnd('%'), NumberStyles.Float, CultureInfo.InvariantCulture, out var d) => d,
                _ => null,
            }
            : null;

    public static bool? Bool(JsonElement e, string name) =>
        e.ValueKind == JsonValueKind.Object && e.TryGetProperty(name, out var v)
            ? v.ValueKind switch
            {
                JsonValueKind.True => true,
                JsonValueKind.False => false,
                JsonValueKind.String when bool.TryParse(v.GetString(), out var b) => b,
                _ => null,
            }
            : null;

    /// <summary>A CloudStack time (<c>2025-11-08T10:00:00+0000</c>) in UTC; null when missing or unreadable.</summary>
    public static DateTimeOffset? Time(JsonElement e, string name) => ParseTime(Str(e, name));

    public static DateTimeOffset? ParseTime(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return null;
        }

        // +0000 → +00:00, which the round-trip parser reads.
        var normalised = text.Length > 5 && (text[^5] is '+' or '-') && char.IsAsciiDigit(text[^1]) ? text[..^2] + ":" + text[^2..] : text;
        return DateTimeOffset.TryParse(normalised, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var time) ? time.ToUniversalTime() : null;
    }

    /// <summary>CloudStack's time format for a request parameter (<c>expires</c>): <c>yyyy-MM-ddTHH:mm:ss+0000</c>.</summary>
    public static string FormatTime(DateTimeOffset time) => time.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss", CultureInfo.InvariantCulture) + "+0000";

    /// <summary>The array <paramref name="name"/> of <paramref name="e"/>; empty when missing (CloudStack leaves out empty arrays).</summary>
    public static IEnumerable<JsonElement> Array(JsonElement e, string name) =>
        e.ValueKind == JsonValueKind.Object && e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.Array ? v.EnumerateArray() : [];

    /// <summary>The object <paramref name="name"/> of <paramref name="e"/>, if there is one.</summary>
    public static JsonElement? Obj(JsonElement e, string name) =>
        e.ValueKind == JsonValueKind.Object && e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.Object ? v : null;
}
