using System.Globalization;

namespace Bastion.Core.Linux;

/// <summary>Small helpers shared by the parsers: line splitting and invariant number parsing with clear errors.</summary>
internal static class ParseText
{
    public static string[] Lines(string text) =>
        text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    public static string[] Fields(string line) =>
        line.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);

    /// <summary>The text of <paramref name="line"/> from its field number <paramref name="field"/> (0-based) to the end, spaces kept.</summary>
    public static string Rest(string line, int field)
    {
        var i = 0;
        for (var n = 0; n <= field; n++)
        {
            while (i < line.Length && char.IsWhiteSpace(line[i]))
            {
                i++;
            }

            if (n == field)
            {
                break;
            }

            while (i < line.Length && !char.IsWhiteSpace(line[i]))
            {
                i++;
            }
        }

        return line[i..].TrimEnd();
    }

    public static long Long(string value, string source, string what) =>
        long.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var n)
            ? n
            : throw new FormatException($"{source}: {what} is not a whole number: '{Clip(value)}'.");

    public static double Double(string value, string source, string what) =>
        double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var n)
            ? n
            : throw new FormatException($"{source}: {what} is not a number: '{Clip(value)}'.");

    public static long? LongOrNull(string? value) =>
        long.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var n) ? n : null;

    public static void RequireText(string? text, string source)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            throw new FormatException($"{source}: the output is empty.");
        }
    }

    public static string Clip(string value) => value.Length <= 60 ? value : value[..60] + "…";
}
