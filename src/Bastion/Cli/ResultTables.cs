using System.Globalization;
using System.Text.Json;
using Spectre.Console;

namespace Bastion.Cli;

/// <summary>
/// Renders a tool's structured result for people: scalar fields as a key/value grid, nested objects as small tables,
/// arrays of objects as tables with a column per field; <c>_bytes</c> and <c>_percent</c> fields are shown with units.
/// </summary>
internal static class ResultTables
{
    public static void Write(JsonElement result)
    {
        var console = AnsiConsole.Console;
        if (result.ValueKind != JsonValueKind.Object)
        {
            console.WriteLine(result.GetRawText());
            return;
        }

        var scalars = new Table().HideHeaders().AddColumns("field", "value");
        var sections = new List<Table>();
        foreach (var field in result.EnumerateObject())
        {
            switch (field.Value.ValueKind)
            {
                case JsonValueKind.Object:
                    sections.Add(ObjectTable(field.Name, field.Value));
                    break;
                case JsonValueKind.Array when field.Value.EnumerateArray().Any(e => e.ValueKind == JsonValueKind.Object):
                    sections.Add(ArrayTable(field.Name, field.Value));
                    break;
                case JsonValueKind.Array:
                    foreach (var item in field.Value.EnumerateArray())
                    {
                        scalars.AddRow(Markup.Escape(field.Name), Markup.Escape(Cell(field.Name, item)));
                    }

                    break;
                default:
                    scalars.AddRow(Markup.Escape(field.Name), Markup.Escape(Cell(field.Name, field.Value)));
                    break;
            }
        }

        if (scalars.Rows.Count > 0)
        {
            console.Write(scalars);
        }

        foreach (var section in sections)
        {
            console.Write(section);
        }
    }

    private static Table ObjectTable(string title, JsonElement value)
    {
        var table = new Table { Title = new TableTitle(Markup.Escape(title)) }.HideHeaders().AddColumns("field", "value");
        foreach (var field in value.EnumerateObject())
        {
            table.AddRow(Markup.Escape(field.Name), Markup.Escape(Cell(field.Name, field.Value)));
        }

        return table;
    }

    private static Table ArrayTable(string title, JsonElement array)
    {
        var columns = array.EnumerateArray().Where(e => e.ValueKind == JsonValueKind.Object)
            .SelectMany(e => e.EnumerateObject().Select(p => p.Name)).Distinct().ToList();
        var table = new Table { Title = new TableTitle(Markup.Escape(title)) };
        foreach (var column in columns)
        {
            table.AddColumn(Markup.Escape(column));
        }

        foreach (var row in array.EnumerateArray())
        {
            table.AddRow(columns.Select(c => Markup.Escape(row.TryGetProperty(c, out var v) ? Cell(c, v) : string.Empty)).ToArray());
        }

        return table;
    }

    /// <summary>One value as text; bytes and percentages get units, arrays are joined, objects shown compactly.</summary>
    internal static string Cell(string field, JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.String => value.GetString() ?? string.Empty,
        JsonValueKind.Null => string.Empty,
        JsonValueKind.Number when field.EndsWith("_bytes_per_second", StringComparison.Ordinal) => Bytes(value.GetDouble()) + "/s",
        JsonValueKind.Number when field.EndsWith("_bytes", StringComparison.Ordinal) => Bytes(value.GetDouble()),
        JsonValueKind.Number when field.EndsWith("_percent", StringComparison.Ordinal) => value.GetDouble().ToString("0.0", CultureInfo.InvariantCulture) + "%",
        JsonValueKind.Array => string.Join(", ", value.EnumerateArray().Select(v => v.ValueKind == JsonValueKind.Object ? Compact(v) : Cell(field, v))),
        JsonValueKind.Object => Compact(value),
        _ => value.GetRawText(),
    };

    internal static string Bytes(double bytes)
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

    private static string Compact(JsonElement value) =>
        value.ValueKind == JsonValueKind.Object
            ? string.Join(" ", value.EnumerateObject().Select(p => $"{p.Name}={Cell(p.Name, p.Value)}"))
            : value.GetRawText();
}
