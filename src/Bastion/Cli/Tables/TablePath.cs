using System.Text.Json;

namespace Bastion.Cli.Tables;

/// <summary>Reads the values a <see cref="TableColumn.Path"/> or <see cref="TableSpec.Rows"/> names (see there for the syntax).</summary>
internal static class TablePath
{
    /// <summary>The rows <paramref name="rows"/> names under <paramref name="start"/>.</summary>
    public static IEnumerable<TableRow> Rows(TableRow start, string rows)
    {
        IEnumerable<TableRow> current = [start];
        foreach (var segment in Segments(rows))
        {
            var (name, each) = Split(segment);
            current = current.SelectMany(row => Step(row, name, each));
        }

        return current;
    }

    /// <summary>The values <paramref name="path"/> (without its <c>|</c> suffix) names from <paramref name="row"/>.</summary>
    public static List<JsonElement> Values(TableRow row, string path)
    {
        var start = row;
        while (path.StartsWith("../", StringComparison.Ordinal) && start.Parents.Count > 0)
        {
            start = new TableRow(start.Parents[^1], [.. start.Parents.Take(start.Parents.Count - 1)], start.Root);
            path = path[3..];
        }

        if (path.StartsWith('/'))
        {
            start = new TableRow(row.Root, [], row.Root);
            path = path[1..];
        }

        return [.. Rows(start, path).Select(r => r.Record)];
    }

    /// <summary>The cell <paramref name="column"/> shows for <paramref name="row"/>.</summary>
    public static string Cell(TableRow row, TableColumn column)
    {
        var bar = column.Path.IndexOf('|', StringComparison.Ordinal);
        var path = bar < 0 ? column.Path : column.Path[..bar];
        var aggregate = bar < 0 ? null : column.Path[(bar + 1)..];
        var values = Values(row, path);
        var field = column.UnitFrom is { } unitFrom && Values(row, unitFrom).FirstOrDefault() is { ValueKind: JsonValueKind.String } unit
            ? unit.GetString()!
            : LastName(path);
        var numbers = values.Where(v => v.ValueKind == JsonValueKind.Number).Select(v => v.GetDouble()).ToList();
        return aggregate switch
        {
            null or "first" => values.Count switch
            {
                0 => "-",
                1 => CellText.Format(field, values[0]),
                _ => CellText.Join(field, values),
            },
            "join" => CellText.Join(field, values),
            "pairs" => values.FirstOrDefault() is { ValueKind: JsonValueKind.Object } map && map.EnumerateObject().Any()
                ? string.Join(", ", map.EnumerateObject().Select(p => $"{p.Name}={CellText.Format(p.Name, p.Value)}"))
                : "-",
            "count" => values.Count.ToString(System.Globalization.CultureInfo.InvariantCulture),
            "max" => numbers.Count == 0 ? "-" : CellText.Number(field, numbers.Max()),
            "min" => numbers.Count == 0 ? "-" : CellText.Number(field, numbers.Min()),
            "sum" => numbers.Count == 0 ? "-" : CellText.Number(field, numbers.Sum()),
            "firstline" => values.FirstOrDefault() is { ValueKind: JsonValueKind.String } text ? FirstLine(text.GetString()!) : "-",
            _ => throw new ArgumentException($"Unknown column suffix '|{aggregate}' in '{column.Path}'. Accepted: max, min, sum, count, join, pairs, firstline, first."),
        };
    }

    /// <summary>The field name a path ends with (its unit suffix formats the value).</summary>
    public static string LastName(string path)
    {
        var segments = Segments(path);
        return segments.Length == 0 ? string.Empty : Split(segments[^1]).Name;
    }

    private static string FirstLine(string text)
    {
        var line = text.Split('\n').Select(l => l.TrimEnd('\r')).FirstOrDefault(l => l.Trim().Length > 0);
        return line is null ? "-" : line.Replace('\t', ' ');
    }

    private static string[] Segments(string path) => path.Split('.', StringSplitOptions.RemoveEmptyEntries);

    private static (string Name, bool Each) Split(string segment) =>
        segment.EndsWith("[]", StringComparison.Ordinal) ? (segment[..^2], true) : (segment, false);

    private static IEnumerable<TableRow> Step(TableRow row, string name, bool each)
    {
        if (row.Record.ValueKind != JsonValueKind.Object || !row.Record.TryGetProperty(name, out var value))
        {
            yield break;
        }

        List<JsonElement> parents = [.. row.Parents, row.Record];
        if (each && value.ValueKind == JsonValueKind.Array)
        {
            foreach (var item in value.EnumerateArray())
            {
                yield return new TableRow(item, parents, row.Root);
            }
        }
        else if (!each)
        {
            yield return new TableRow(value, parents, row.Root);
        }
    }
}
