using System.Globalization;
using System.Text.Json;

namespace Bastion.Cli.Tables;

/// <summary>
/// Formats one JSON value as a table cell, by its field name's unit suffix: <c>_bytes</c> as B/KiB/MiB/GiB/TiB,
/// <c>_bytes_per_second</c> with <c>/s</c>, <c>_seconds</c> as a duration with its unit, times (ISO 8601) as UTC
/// <c>yyyy-MM-dd HH:mm:ss</c>, booleans as yes/no, null as <c>-</c>, text as its first line. Records inside a cell are
/// named (by their name, host, id, …), never dumped as key=value.
/// </summary>
internal static class CellText
{
    private static readonly string[] IdentityFields = ["name", "host", "id", "address", "label", "metric", "title", "mount_point", "device", "interface", "field"];

    /// <summary><paramref name="value"/> as text, formatted by the unit suffix of <paramref name="field"/>.</summary>
    public static string Format(string field, JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.Null or JsonValueKind.Undefined => "-",
        JsonValueKind.True => "yes",
        JsonValueKind.False => "no",
        JsonValueKind.Number => Number(field, value.GetDouble()),
        JsonValueKind.String => Text(value.GetString() ?? string.Empty),
        JsonValueKind.Array => Join(field, value.EnumerateArray()),
        _ => Identity(value),
    };

    /// <summary>Several values in one cell, comma-separated (records by their identity).</summary>
    public static string Join(string field, IEnumerable<JsonElement> values)
    {
        var list = values.ToList();
        return list.Count == 0 ? "-" : string.Join(", ", list.Select(v => v.ValueKind == JsonValueKind.Object ? Identity(v) : Format(field, v)));
    }

    /// <summary>A number with the unit its field name gives it.</summary>
    public static string Number(string field, double value)
    {
        if (field.EndsWith("_bytes_per_second", StringComparison.Ordinal))
        {
            return Bytes(value) + "/s";
        }

        if (field.EndsWith("_bytes", StringComparison.Ordinal))
        {
            return Bytes(value);
        }

        if (field.EndsWith("_seconds", StringComparison.Ordinal) || field == "seconds")
        {
            return Duration(value);
        }

        return Plain(value);
    }

    /// <summary>Up to two decimals, no thousands separator (pids and ports read as themselves).</summary>
    public static string Plain(double value) => value.ToString("0.##", CultureInfo.InvariantCulture);

    /// <summary>Bytes scaled to B, KiB, MiB, GiB, TiB or PiB.</summary>
    public static string Bytes(double bytes)
    {
        string[] units = ["B", "KiB", "MiB", "GiB", "TiB", "PiB"];
        var unit = 0;
        while (Math.Abs(bytes) >= 1024 && unit < units.Length - 1)
        {
            bytes /= 1024;
            unit++;
        }

        return unit == 0 ? $"{bytes.ToString("0", CultureInfo.InvariantCulture)} B" : $"{bytes.ToString("0.0", CultureInfo.InvariantCulture)} {units[unit]}";
    }

    /// <summary>Seconds as <c>0.31 s</c>, <c>5m 12s</c>, <c>2h 45m</c> or <c>3d 4h</c>.</summary>
    public static string Duration(double seconds)
    {
        if (Math.Abs(seconds) < 120)
        {
            return seconds.ToString("0.##", CultureInfo.InvariantCulture) + " s";
        }

        var span = TimeSpan.FromSeconds(seconds);
        return span.TotalDays >= 1 ? $"{(int)span.TotalDays}d {span.Hours}h"
            : span.TotalHours >= 1 ? $"{(int)span.TotalHours}h {span.Minutes}m"
            : $"{(int)span.TotalMinutes}m {span.Seconds}s";
    }

    /// <summary>A text's first line (with … when more follows); an ISO 8601 time as UTC <c>yyyy-MM-dd HH:mm:ss</c>.</summary>
    public static string Text(string text)
    {
        if (text.Length >= 19 && text[4] == '-' && text[10] == 'T' && char.IsAsciiDigit(text[0])
            && DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var time))
        {
            return time.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture);
        }

        var trimmed = text.Trim('\n', '\r');
        var newline = trimmed.IndexOf('\n', StringComparison.Ordinal);
        var line = (newline < 0 ? trimmed : trimmed[..newline] + " …").Replace('\t', ' ').Replace("\r", "", StringComparison.Ordinal);
        return line.Length == 0 ? "-" : line;
    }

    /// <summary>A record named by its first identity field (name, host, id, …), else by its size.</summary>
    public static string Identity(JsonElement record)
    {
        if (record.ValueKind != JsonValueKind.Object)
        {
            return record.GetRawText();
        }

        foreach (var field in IdentityFields)
        {
            if (record.TryGetProperty(field, out var v) && v.ValueKind is JsonValueKind.String or JsonValueKind.Number)
            {
                return Format(field, v);
            }
        }

        var first = record.EnumerateObject().FirstOrDefault(p => p.Value.ValueKind is JsonValueKind.String or JsonValueKind.Number);
        return first.Value.ValueKind == JsonValueKind.Undefined ? $"({record.EnumerateObject().Count()} fields)" : Format(first.Name, first.Value);
    }

    /// <summary>
    /// A header from a field path: underscores become spaces and the unit suffix moves into the header where the cells do
    /// not carry it (<c>cpu.busy_percent</c> → <c>cpu busy %</c>, <c>await_ms</c> → <c>await ms</c>, <c>rss_bytes</c> → <c>rss</c>).
    /// </summary>
    public static string Header(string path)
    {
        var name = path.Replace("[]", "", StringComparison.Ordinal).Replace("../", "", StringComparison.Ordinal).TrimStart('/');
        var bar = name.IndexOf('|', StringComparison.Ordinal);
        var aggregate = bar < 0 ? null : name[(bar + 1)..];
        name = bar < 0 ? name : name[..bar];
        (string Suffix, string Unit)[] units =
        [
            ("_bytes_per_second", "/s"), ("_per_second", "/s"), ("_bytes", ""), ("_percent", " %"), ("_seconds", ""), ("_ms", " ms"),
            ("_mb", " MB"), ("_gb", " GB"), ("_mhz", " MHz"), ("_per_hour", "/h"),
        ];
        foreach (var (suffix, unit) in units)
        {
            if (name.EndsWith(suffix, StringComparison.Ordinal))
            {
                name = name[..^suffix.Length] + unit;
                break;
            }
        }

        name = name.Replace('_', ' ').Replace('.', ' ').Trim();
        return aggregate is null or "join" or "firstline" or "first" ? name : $"{name} ({aggregate})";
    }
}
