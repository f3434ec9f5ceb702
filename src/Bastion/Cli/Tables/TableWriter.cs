using System.Text;

namespace Bastion.Cli.Tables;

/// <summary>
/// Prints rendered blocks as aligned plain-text columns (two spaces apart, numbers right-aligned, a rule under the headers),
/// cut to the terminal's width: long text columns are shortened with …, and when that is not enough the right-most columns
/// are left out and named in a line below the table. Headers are bold only when <c>ansi</c> is on (a terminal, no NO_COLOR).
/// </summary>
internal static partial class TableWriter
{
    private const int MinText = 12;
    private const string Gap = "  ";

    /// <summary>Writes <paramref name="blocks"/> to <paramref name="output"/>.</summary>
    /// <param name="blocks">Tables and lines, in order.</param>
    /// <param name="output">Where to write.</param>
    /// <param name="width">The terminal's width in characters; null for no limit (output to a file or pipe).</param>
    /// <param name="ansi">Bold headers with ANSI escape codes.</param>
    public static void Write(IEnumerable<TableBlock> blocks, TextWriter output, int? width, bool ansi)
    {
        var first = true;
        TableBlock? previous = null;
        foreach (var block in blocks)
        {
            switch (block)
            {
                case TextLine line:
                    if (previous is TextTable)
                    {
                        output.WriteLine();
                    }

                    output.WriteLine(line.Verbatim || width is null ? line.Text : Cut(line.Text, width.Value));
                    break;
                case TextTable table:
                    if (!first)
                    {
                        output.WriteLine();
                    }

                    WriteTable(table, output, width, ansi);
                    break;
            }

            first = false;
            previous = block;
        }
    }

    /// <summary>The width to print for: $COLUMNS when set, the console's width on a terminal, else no limit.</summary>
    public static int? TerminalWidth() =>
        int.TryParse(Environment.GetEnvironmentVariable("COLUMNS"), out var columns) && columns > 0 ? columns
        : Console.IsOutputRedirected ? null
        : Console.WindowWidth > 0 ? Console.WindowWidth : 80;

    /// <summary>Whether to print ANSI codes: stdout is a terminal, NO_COLOR is unset and TERM is not dumb.</summary>
    public static bool UseAnsi() =>
        !Console.IsOutputRedirected
        && string.IsNullOrEmpty(Environment.GetEnvironmentVariable("NO_COLOR"))
        && Environment.GetEnvironmentVariable("TERM") != "dumb";

    private static void WriteTable(TextTable table, TextWriter output, int? width, bool ansi)
    {
        if (table.Title is { } title)
        {
            output.WriteLine(width is null ? title : Cut(title, width.Value));
        }

        var widths = table.Headers.Select((h, i) => table.Rows.Select(r => r[i].Length).Append(h.Length).Max()).ToArray();
        var numeric = table.Headers.Select((_, i) => table.Rows.Count > 0 && table.Rows.All(r => IsNumeric(r[i]))).ToArray();
        var shown = Fit(table.Headers, widths, numeric, width);
        var header = string.Join(Gap, shown.Select(i => Pad(Cut(table.Headers[i], widths[i]), widths[i], numeric[i]))).TrimEnd();
        output.WriteLine(ansi ? $"\u001b[1m{header}\u001b[0m" : header);
        output.WriteLine(string.Join(Gap, shown.Select(i => new string('-', widths[i]))));
        foreach (var row in table.Rows)
        {
            output.WriteLine(string.Join(Gap, shown.Select(i => Pad(Cut(row[i], widths[i]), widths[i], numeric[i]))).TrimEnd());
        }

        if (table.Rows.Count == 0)
        {
            output.WriteLine("(none)");
        }

        if (shown.Count < table.Headers.Count)
        {
            var left = table.Headers.Where((_, i) => !shown.Contains(i)).ToList();
            output.WriteLine($"({left.Count} more column{(left.Count == 1 ? "" : "s")} left out for the terminal's width: {string.Join(", ", left)}; the JSON answer has everything)");
        }
    }

    /// <summary>Shortens text columns, then leaves out right-most columns, until the row fits; returns the columns kept.</summary>
    private static List<int> Fit(IReadOnlyList<string> headers, int[] widths, bool[] numeric, int? width)
    {
        var shown = Enumerable.Range(0, headers.Count).ToList();
        if (width is not { } limit)
        {
            return shown;
        }

        int Total() => shown.Sum(i => widths[i]) + (Gap.Length * (shown.Count - 1));
        while (Total() > limit)
        {
            var widest = shown.Where(i => !numeric[i] && widths[i] > Math.Max(MinText, headers[i].Length)).OrderByDescending(i => widths[i]).FirstOrDefault(-1);
            if (widest >= 0)
            {
                widths[widest] = Math.Max(Math.Max(MinText, headers[widest].Length), widths[widest] - (Total() - limit));
                continue;
            }

            if (shown.Count == 1)
            {
                widths[shown[0]] = Math.Max(1, limit);
                break;
            }

            shown.RemoveAt(shown.Count - 1);
        }

        return shown;
    }

    /// <summary>A number, a number with its unit (<c>1.2 GiB</c>, <c>0.31 s</c>) or a duration (<c>2h 45m</c>); ids like 9a6f3c1e-… are text.</summary>
    private static bool IsNumeric(string cell) =>
        cell is "-" or ""
        || double.TryParse(cell, System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out _)
        || IsQuantity(cell)
        || Duration().IsMatch(cell);

    private static bool IsQuantity(string cell)
    {
        var space = cell.IndexOf(' ', StringComparison.Ordinal);
        return space > 0 && double.TryParse(cell[..space], System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out _)
            && cell.IndexOf(' ', space + 1) < 0 && cell.Length - space <= 6;
    }

    private static string Pad(string text, int width, bool right) => right ? text.PadLeft(width) : text.PadRight(width);

    private static string Cut(string text, int width) => text.Length <= width ? text : width <= 1 ? "…" : string.Concat(text.AsSpan(0, width - 1), "…");

    /// <summary>Lines of text for tests and callers that print elsewhere.</summary>
    public static string ToText(IEnumerable<TableBlock> blocks, int? width)
    {
        var builder = new StringBuilder();
        using var writer = new StringWriter(builder);
        Write(blocks, writer, width, ansi: false);
        return builder.ToString();
    }

    [System.Text.RegularExpressions.GeneratedRegex(@"^\d+[dhm] \d+[hms]$")]
    private static partial System.Text.RegularExpressions.Regex Duration();
}
