using System.Globalization;
using System.Text.Json;

namespace Bastion.Cli.Tables;

/// <summary>
/// Turns a tool's structured answer into tables a person can scan. Fan-out answers (<c>summary</c> + <c>hosts</c> with one
/// <c>result</c> per host) give one row per host, or one row per item (process, file, service, …) with a host column when
/// several hosts answered; a host that failed is a row with its status and error. Other answers give a table per array of
/// records. Columns come from the tool's <see cref="TableLayout"/> in <see cref="TableLayouts"/>, else from the data: scalars
/// as columns, small nested records as dotted columns, arrays as comma-separated names. A lone record is a field/value sheet;
/// the answer's other scalars are a caption line; notes are lines of their own.
/// </summary>
internal static class ResultRenderer
{
    private const int CaptionFields = 8;
    private static readonly HashSet<string> NoteFields = ["note", "notes", "remarks", "advice"];

    /// <summary>The blocks that show <paramref name="answer"/>, the structured content of tool <paramref name="tool"/>.</summary>
    public static List<TableBlock> Render(string tool, JsonElement answer)
    {
        var blocks = new List<TableBlock>();
        if (answer.ValueKind != JsonValueKind.Object)
        {
            blocks.Add(new TextLine(answer.GetRawText()));
            return blocks;
        }

        var layout = TableLayouts.For(tool);
        if (IsFanOut(answer))
        {
            FanOut(answer, layout, blocks);
        }
        else
        {
            Document(answer, layout, blocks);
        }

        return blocks;
    }

    /// <summary>True for the answer of a tool that runs on every host of a target.</summary>
    public static bool IsFanOut(JsonElement answer) =>
        answer.TryGetProperty("summary", out var summary) && summary.ValueKind == JsonValueKind.Object && summary.TryGetProperty("targets", out _)
        && answer.TryGetProperty("hosts", out var hosts) && hosts.ValueKind == JsonValueKind.Array
        && hosts.EnumerateArray().All(h => h.ValueKind == JsonValueKind.Object && h.TryGetProperty("host", out _) && h.TryGetProperty("status", out _));

    private static void FanOut(JsonElement answer, TableLayout? layout, List<TableBlock> blocks)
    {
        blocks.Add(new TextLine(SummaryLine(answer.GetProperty("summary"))));
        var entries = answer.GetProperty("hosts").EnumerateArray().ToList();
        var answered = entries.Where(e => e.TryGetProperty("result", out var r) && r.ValueKind == JsonValueKind.Object).ToList();
        var failed = entries.Where(e => !answered.Contains(e)).ToList();
        var multi = entries.Count > 1;
        var results = answered.Select(e => e.GetProperty("result")).ToList();
        var specs = layout is null ? GenericFanOutSpecs(results) : [.. layout.Tables.Select(t => WithColumns(t, results))];
        specs.AddRange(UncoveredArrays(results, specs, layout?.Text));
        var used = Used(specs, layout?.Text);
        used.Add("host");
        foreach (var entry in answered)
        {
            var caption = Caption(entry.GetProperty("result"), used);
            if (caption.Length > 0)
            {
                blocks.Add(new TextLine($"{entry.GetProperty("host").GetString()}: {caption}", Verbatim: true));
            }
        }

        var errorsShown = false;
        foreach (var spec in specs)
        {
            var perHost = spec.Rows == ".";
            List<string> headers = perHost || multi ? ["host"] : [];
            headers.AddRange(spec.Columns.Select(c => c.Header ?? CellText.Header(c.Path)));
            var withErrors = perHost && failed.Count > 0;
            if (withErrors)
            {
                headers.AddRange(["status", "error"]);
                errorsShown = true;
            }

            var rows = new List<string[]>();
            foreach (var entry in entries)
            {
                var host = entry.GetProperty("host").GetString() ?? "?";
                if (!answered.Contains(entry))
                {
                    if (withErrors)
                    {
                        rows.Add([host, .. spec.Columns.Select(_ => ""), Status(entry), Error(entry)]);
                    }

                    continue;
                }

                var start = new TableRow(entry.GetProperty("result"), [entry], answer);
                foreach (var row in TablePath.Rows(start, spec.Rows))
                {
                    List<string> cells = perHost || multi ? [host] : [];
                    cells.AddRange(spec.Columns.Select(c => TablePath.Cell(row, c)));
                    if (withErrors)
                    {
                        cells.AddRange([Status(entry), ""]);
                    }

                    rows.Add([.. cells]);
                }
            }

            Add(blocks, new TextTable(spec.Title, headers, rows), spec == specs[0]);
        }

        if (failed.Count > 0 && !errorsShown)
        {
            blocks.Add(new TextTable("failed hosts", ["host", "status", "error"], [.. failed.Select(e => new[] { e.GetProperty("host").GetString() ?? "?", Status(e), Error(e) })]));
        }

        foreach (var entry in answered)
        {
            var host = entry.GetProperty("host").GetString();
            foreach (var note in Notes(entry.GetProperty("result")))
            {
                blocks.Add(new TextLine($"{host}: note: {note}", Verbatim: true));
            }
        }

        if (layout?.Text is { } text)
        {
            foreach (var entry in answered)
            {
                if (entry.GetProperty("result").TryGetProperty(text, out var content) && content.ValueKind == JsonValueKind.String)
                {
                    blocks.Add(new TextLine(multi ? $"--- {entry.GetProperty("host").GetString()}: {text} ---" : $"--- {text} ---"));
                    blocks.AddRange(content.GetString()!.TrimEnd('\n').Split('\n').Select(l => new TextLine(l, Verbatim: true)));
                }
            }
        }
    }

    private static void Document(JsonElement answer, TableLayout? layout, List<TableBlock> blocks)
    {
        var specs = layout is null ? GenericDocumentSpecs(answer) : [.. layout.Tables.Select(t => WithColumns(t, [answer]))];
        specs.AddRange(UncoveredArrays([answer], specs, layout?.Text));
        var used = Used(specs, layout?.Text);
        var rest = Flatten(answer, used).ToList();
        if (specs.Count == 0 || rest.Count > CaptionFields)
        {
            // A lone record, or many scalars beside the tables: a field/value sheet of dotted names.
            blocks.Add(new TextTable(null, ["field", "value"], [.. rest.Select(p => new[] { p.Name, p.Value })]));
        }
        else if (rest.Count > 0)
        {
            blocks.Add(new TextLine(string.Join(" · ", rest.Select(p => $"{p.Name}: {p.Value}")), Verbatim: true));
        }

        foreach (var spec in specs)
        {
            var rows = TablePath.Rows(new TableRow(answer, [], answer), spec.Rows)
                .Select(row => spec.Columns.Select(c => TablePath.Cell(row, c)).ToArray()).ToList();
            Add(blocks, new TextTable(spec.Title, [.. spec.Columns.Select(c => c.Header ?? CellText.Header(c.Path))], rows), spec == specs[0]);
        }

        blocks.AddRange(Notes(answer).Select(n => new TextLine($"note: {n}", Verbatim: true)));
        if (layout?.Text is { } text && answer.TryGetProperty(text, out var content) && content.ValueKind == JsonValueKind.String)
        {
            blocks.Add(new TextLine($"--- {text} ---"));
            blocks.AddRange(content.GetString()!.TrimEnd('\n').Split('\n').Select(l => new TextLine(l, Verbatim: true)));
        }
    }

    /// <summary>Adds a table; a table after the first is left out when it has no rows (or no columns).</summary>
    private static void Add(List<TableBlock> blocks, TextTable table, bool first)
    {
        if (table.Headers.Count > 0 && (first || table.Rows.Count > 0))
        {
            blocks.Add(table);
        }
    }

    /// <summary>Without a layout: one row per host of its scalars when the results hold no single list, and a table per list.</summary>
    private static List<TableSpec> GenericFanOutSpecs(List<JsonElement> results)
    {
        var arrays = RecordArrays(results).ToList();
        var specs = new List<TableSpec>();
        if (arrays.Count != 1)
        {
            var columns = results.SelectMany(r => Flatten(r, ["host"]).Select(p => p.Path)).Distinct().Select(p => new TableColumn(p)).ToList();
            specs.Add(new TableSpec(".", columns));
        }

        specs.AddRange(arrays.Select(a => new TableSpec(a + "[]", GenericColumns(results.SelectMany(r => Items(r, a))), arrays.Count > 1 ? a : null)));
        return specs;
    }

    /// <summary>Without a layout: a table per list of records, at the root or one level down.</summary>
    private static List<TableSpec> GenericDocumentSpecs(JsonElement answer)
    {
        var arrays = RecordArrays([answer]).ToList();
        foreach (var field in answer.EnumerateObject().Where(f => f.Value.ValueKind == JsonValueKind.Object))
        {
            arrays.AddRange(RecordArrays([field.Value]).Select(a => $"{field.Name}.{a}"));
        }

        return [.. arrays.Select(a => new TableSpec(a + "[]", GenericColumns(Items(answer, a)), a))];
    }

    /// <summary>A declared table without columns gets the generic ones of its rows.</summary>
    private static TableSpec WithColumns(TableSpec spec, List<JsonElement> records) =>
        spec.Columns.Count > 0 ? spec : spec with { Columns = GenericColumns(records.SelectMany(r => TablePath.Rows(new TableRow(r, [], r), spec.Rows)).Select(r => r.Record)) };

    /// <summary>Lists of records the declared tables leave out, as generic tables (nothing is silently dropped).</summary>
    private static List<TableSpec> UncoveredArrays(List<JsonElement> records, List<TableSpec> specs, string? text)
    {
        var used = Used(specs, text);
        return RecordArrays(records).Where(a => !used.Contains(a))
            .Select(a => new TableSpec(a + "[]", GenericColumns(records.SelectMany(r => Items(r, a))), a))
            .ToList();
    }

    /// <summary>
    /// The fields the tables show: the dotted path of each list a table's rows come from, and the top-level fields a per-host
    /// table's columns read (that table stands for them).
    /// </summary>
    private static HashSet<string> Used(IEnumerable<TableSpec> specs, string? text)
    {
        var used = new HashSet<string>(StringComparer.Ordinal);
        foreach (var spec in specs)
        {
            if (spec.Rows != ".")
            {
                used.Add(spec.Rows.Split("[]")[0]);
                continue;
            }

            foreach (var column in spec.Columns.Where(c => !c.Path.StartsWith('/') && !c.Path.StartsWith("../", StringComparison.Ordinal)))
            {
                used.Add(column.Path.Split('.', '|')[0].Replace("[]", "", StringComparison.Ordinal));
            }
        }

        if (text is not null)
        {
            used.Add(text);
        }

        return used;
    }

    /// <summary>Fields (in order of first appearance) that hold a list with at least one record.</summary>
    private static IEnumerable<string> RecordArrays(IEnumerable<JsonElement> records) =>
        records.Where(r => r.ValueKind == JsonValueKind.Object)
            .SelectMany(r => r.EnumerateObject())
            .Where(p => p.Value.ValueKind == JsonValueKind.Array && p.Value.EnumerateArray().Any(e => e.ValueKind == JsonValueKind.Object))
            .Select(p => p.Name)
            .Distinct();

    private static IEnumerable<JsonElement> Items(JsonElement record, string dottedArray) =>
        TablePath.Rows(new TableRow(record, [], record), dottedArray + "[]").Select(r => r.Record);

    /// <summary>Columns for records of unknown shape: scalars, small nested records as dotted columns, lists as names.</summary>
    public static List<TableColumn> GenericColumns(IEnumerable<JsonElement> items)
    {
        var sample = items.Take(100).ToList();
        if (sample.Count > 0 && sample.All(i => i.ValueKind != JsonValueKind.Object))
        {
            return [new TableColumn(".", "value")];
        }

        var paths = sample.Where(i => i.ValueKind == JsonValueKind.Object).SelectMany(i => Flatten(i, []).Select(p => p.Path)).Distinct().ToList();
        return [.. paths.Select(p => new TableColumn(p))];
    }

    /// <summary>
    /// The fields of <paramref name="record"/> not in <paramref name="skip"/> and not notes, as (column path, dotted name, cell):
    /// nested records three levels deep become dotted fields, lists become comma-separated cells.
    /// </summary>
    private static IEnumerable<(string Path, string Name, string Value)> Flatten(JsonElement record, ICollection<string> skip, string prefix = "", int depth = 0)
    {
        foreach (var field in record.EnumerateObject())
        {
            var path = prefix + field.Name;
            if (skip.Contains(path) || (depth == 0 && NoteFields.Contains(field.Name) && IsNote(field.Value)))
            {
                continue;
            }

            if (field.Value.ValueKind == JsonValueKind.Object && depth < 3 && field.Value.EnumerateObject().Any())
            {
                foreach (var inner in Flatten(field.Value, skip, path + ".", depth + 1))
                {
                    yield return inner;
                }
            }
            else if (field.Value.ValueKind == JsonValueKind.Object && !field.Value.EnumerateObject().Any())
            {
                continue;
            }
            else if (field.Value.ValueKind == JsonValueKind.Array)
            {
                yield return (path + "|join", path, CellText.Join(field.Name, field.Value.EnumerateArray()));
            }
            else
            {
                yield return (path, path, CellText.Format(field.Name, field.Value));
            }
        }
    }

    /// <summary>A note is a text or a list of texts (a list of records named notes is data).</summary>
    private static bool IsNote(JsonElement value) =>
        value.ValueKind is JsonValueKind.String or JsonValueKind.Null
        || (value.ValueKind == JsonValueKind.Array && value.EnumerateArray().All(v => v.ValueKind == JsonValueKind.String));

    private static string Caption(JsonElement result, HashSet<string> used) =>
        string.Join(" · ", Flatten(result, used).Take(CaptionFields * 2).Select(p => $"{p.Name}: {p.Value}"));

    private static IEnumerable<string> Notes(JsonElement record)
    {
        foreach (var name in NoteFields)
        {
            if (!record.TryGetProperty(name, out var value) || !IsNote(value))
            {
                continue;
            }

            if (value.ValueKind == JsonValueKind.String && value.GetString() is { Length: > 0 } note)
            {
                yield return note.ReplaceLineEndings(" ");
            }
            else if (value.ValueKind == JsonValueKind.Array)
            {
                foreach (var item in value.EnumerateArray())
                {
                    yield return item.GetString()!.ReplaceLineEndings(" ");
                }
            }
        }
    }

    private static string SummaryLine(JsonElement summary)
    {
        int Count(string name) => summary.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.Number ? v.GetInt32() : 0;
        var targets = Count("targets");
        var parts = new[] { ("ok", Count("ok")), ("failed", Count("failed")), ("timed out", Count("timed_out")), ("unreachable", Count("unreachable")) }
            .Where(p => p.Item2 > 0 || p.Item1 == "ok")
            .Select(p => $"{p.Item2} {p.Item1}");
        var seconds = summary.TryGetProperty("duration_seconds", out var d) && d.ValueKind == JsonValueKind.Number
            ? $" in {d.GetDouble().ToString("0.##", CultureInfo.InvariantCulture)} s"
            : "";
        return $"{targets} host{(targets == 1 ? "" : "s")}: {string.Join(", ", parts)}{seconds}";
    }

    private static string Status(JsonElement entry) => entry.TryGetProperty("status", out var s) && s.ValueKind == JsonValueKind.String ? s.GetString()! : "?";

    private static string Error(JsonElement entry) =>
        entry.TryGetProperty("error", out var e) && e.ValueKind == JsonValueKind.String ? e.GetString()!.ReplaceLineEndings(" ") : "-";
}
