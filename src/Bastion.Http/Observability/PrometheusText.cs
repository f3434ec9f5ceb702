using System.Diagnostics.Metrics;
using System.Globalization;
using System.Text;

namespace Bastion.Http.Observability;

/// <summary>
/// Spelling of the Prometheus text exposition format 0.0.4: metric and label names, unit suffixes as the
/// OpenTelemetry-to-Prometheus conventions have them (<c>s</c> → <c>_seconds</c>, <c>By</c> → <c>_bytes</c>, annotations
/// like <c>{call}</c> dropped), <c>_total</c> on counters, escaping, and numbers.
/// </summary>
internal static class PrometheusText
{
    /// <summary>The exposition name of <paramref name="instrument"/>: <c>bastion.tool.duration</c> in s → <c>bastion_tool_duration_seconds</c>.</summary>
    public static string MetricName(Instrument instrument, MetricKind kind)
    {
        var name = Sanitize(instrument.Name, allowColon: true);
        if (UnitSuffix(instrument.Unit) is { Length: > 0 } unit && !name.EndsWith("_" + unit, StringComparison.Ordinal))
        {
            name = $"{name}_{unit}";
        }

        return kind is MetricKind.Counter or MetricKind.ObservedCounter && !name.EndsWith("_total", StringComparison.Ordinal)
            ? name + "_total"
            : name;
    }

    /// <summary>A tag key as a label name: characters outside <c>[a-zA-Z0-9_]</c> become <c>_</c>.</summary>
    public static string LabelName(string key) => Sanitize(key, allowColon: false);

    /// <summary>The labels of a series, sorted by name, as written between braces: <c>outcome="ok",tool="hosts_list"</c>.</summary>
    public static string Labels(ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        if (tags.IsEmpty)
        {
            return string.Empty;
        }

        var sorted = tags.ToArray();
        Array.Sort(sorted, static (a, b) => string.CompareOrdinal(a.Key, b.Key));
        var text = new StringBuilder();
        foreach (var (key, value) in sorted)
        {
            text.Append(text.Length == 0 ? string.Empty : ",").Append(LabelName(key)).Append("=\"").Append(EscapeLabelValue(TagValue(value))).Append('"');
        }

        return text.ToString();
    }

    /// <summary>A label value with backslash, double quote and line feed escaped.</summary>
    public static string EscapeLabelValue(string value) =>
        value.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal).Replace("\n", "\\n", StringComparison.Ordinal);

    /// <summary>A HELP text with backslash and line feed escaped.</summary>
    public static string EscapeHelp(string value) =>
        value.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\n", "\\n", StringComparison.Ordinal);

    /// <summary>A sample value or bucket bound: invariant, shortest round-trip form; <c>+Inf</c>, <c>-Inf</c>, <c>NaN</c>.</summary>
    public static string Number(double value) =>
        double.IsPositiveInfinity(value) ? "+Inf"
        : double.IsNegativeInfinity(value) ? "-Inf"
        : double.IsNaN(value) ? "NaN"
        : value.ToString(CultureInfo.InvariantCulture);

    private static string TagValue(object? value) => value switch
    {
        null => string.Empty,
        string s => s,
        bool b => b ? "true" : "false",
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? string.Empty,
    };

    private static string? UnitSuffix(string? unit)
    {
        if (string.IsNullOrEmpty(unit) || unit == "1")
        {
            return null;
        }

        // Annotations in braces carry no unit: {call} → nothing, By{packet} → bytes.
        var bare = unit.Contains('{', StringComparison.Ordinal) ? unit[..unit.IndexOf('{', StringComparison.Ordinal)] : unit;
        if (bare.Length == 0)
        {
            return null;
        }

        var slash = bare.IndexOf('/', StringComparison.Ordinal);
        return slash < 0
            ? Sanitize(Plural(bare), allowColon: false)
            : Sanitize($"{Plural(bare[..slash])}_per_{Singular(bare[(slash + 1)..])}", allowColon: false);
    }

    private static string Plural(string unit) => unit switch
    {
        "d" => "days",
        "h" => "hours",
        "min" => "minutes",
        "s" => "seconds",
        "ms" => "milliseconds",
        "us" => "microseconds",
        "ns" => "nanoseconds",
        "By" => "bytes",
        "KiBy" => "kibibytes",
        "MiBy" => "mebibytes",
        "GiBy" => "gibibytes",
        "KBy" => "kilobytes",
        "MBy" => "megabytes",
        "GBy" => "gigabytes",
        "%" => "percent",
        _ => unit,
    };

    private static string Singular(string unit) => unit switch
    {
        "d" => "day",
        "h" => "hour",
        "min" => "minute",
        "s" => "second",
        _ => Plural(unit),
    };

    private static string Sanitize(string name, bool allowColon)
    {
        var text = new StringBuilder(name.Length + 1);
        foreach (var c in name)
        {
            text.Append(char.IsAsciiLetterOrDigit(c) || c == '_' || (allowColon && c == ':') ? c : '_');
        }

        if (text.Length == 0 || char.IsAsciiDigit(text[0]))
        {
            text.Insert(0, '_');
        }

        return text.ToString();
    }
}
