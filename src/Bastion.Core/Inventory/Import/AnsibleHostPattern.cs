using System.Globalization;

namespace Bastion.Core.Inventory.Import;

/// <summary>The host part of an Ansible INI host line: an optional <c>:port</c> suffix and <c>[start:end:step]</c> ranges.</summary>
internal static class AnsibleHostPattern
{
    /// <summary>The letters of alphabetic ranges, in Ansible's order (<c>[x:B]</c> is x, y, z, A, B).</summary>
    private const string Letters = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ";

    /// <summary>
    /// Splits <c>name:port</c> into the name and the port's digits; the pattern unchanged and null when there is no
    /// such suffix (a colon inside a range does not count; several colons, as in IPv6, mean no port).
    /// </summary>
    public static (string Pattern, string? Port) SplitPort(string pattern)
    {
        var depth = 0;
        var colon = -1;
        var colons = 0;
        for (var i = 0; i < pattern.Length; i++)
        {
            switch (pattern[i])
            {
                case '[':
                    depth++;
                    break;
                case ']':
                    depth--;
                    break;
                case ':' when depth == 0:
                    colon = i;
                    colons++;
                    break;
            }
        }

        return colons == 1 && colon + 1 < pattern.Length && pattern.AsSpan(colon + 1).IndexOfAnyExceptInRange('0', '9') < 0
            ? (pattern[..colon], pattern[(colon + 1)..])
            : (pattern, null);
    }

    /// <summary>
    /// The names <paramref name="pattern"/> stands for: <c>web[01:03]</c> is web01, web02, web03 (a start with leading
    /// zeros sets the width), <c>db-[a:c]</c> is db-a, db-b, db-c, <c>[1:9:2]</c> takes every second number, and several
    /// ranges give every combination. A bracket without a colon is not a range and stays as written.
    /// </summary>
    /// <exception cref="FormatException">A range is malformed; the message says how and where.</exception>
    public static List<string> Expand(string pattern, string where)
    {
        var open = pattern.IndexOf('[', StringComparison.Ordinal);
        var close = open < 0 ? -1 : pattern.IndexOf(']', open);
        if (close < 0 || !pattern.AsSpan(open, close - open).Contains(':'))
        {
            return [pattern];
        }

        var head = pattern[..open];
        var tails = Expand(pattern[(close + 1)..], where);
        return [.. Range(pattern[(open + 1)..close], pattern, where).SelectMany(value => tails.Select(tail => head + value + tail))];
    }

    private static List<string> Range(string range, string pattern, string where)
    {
        FormatException Malformed(string why) => new($"{where}: malformed host range '[{range}]' in '{pattern}': {why}.");

        var parts = range.Split(':');
        if (parts.Length > 3)
        {
            throw Malformed("use [start:end] or [start:end:step]");
        }

        var start = parts[0].Length == 0 ? "0" : parts[0];
        var end = parts[1];
        if (end.Length == 0)
        {
            throw Malformed("the range has no end");
        }

        var step = 1;
        if (parts.Length == 3 && (!int.TryParse(parts[2], NumberStyles.None, CultureInfo.InvariantCulture, out step) || step < 1))
        {
            throw Malformed("the step must be a whole number of at least 1");
        }

        var values = new List<string>();
        if (start.Length == 1 && end.Length == 1 && Letters.Contains(start[0], StringComparison.Ordinal) && Letters.Contains(end[0], StringComparison.Ordinal))
        {
            int from = Letters.IndexOf(start[0], StringComparison.Ordinal), to = Letters.IndexOf(end[0], StringComparison.Ordinal);
            if (from > to)
            {
                throw Malformed("the start comes after the end");
            }

            for (var i = from; i <= to; i += step)
            {
                values.Add(Letters[i].ToString());
            }

            return values;
        }

        if (!int.TryParse(start, NumberStyles.None, CultureInfo.InvariantCulture, out var first)
            || !int.TryParse(end, NumberStyles.None, CultureInfo.InvariantCulture, out var last))
        {
            throw Malformed("start and end must both be whole numbers or both single letters");
        }

        if (first > last)
        {
            throw Malformed("the start comes after the end");
        }

        var width = start.Length > 1 && start[0] == '0' ? start.Length : 0;
        if (width > 0 && end.Length != width)
        {
            throw Malformed($"a zero-padded start sets the width, so the end needs {width} digits too");
        }

        for (long n = first; n <= last; n += step)
        {
            values.Add(n.ToString(CultureInfo.InvariantCulture).PadLeft(width, '0'));
        }

        return values;
    }
}
