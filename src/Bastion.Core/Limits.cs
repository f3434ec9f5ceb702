namespace Bastion.Core;

/// <summary>Bounds on what a result may carry, so that an answer fits in a model's context.</summary>
public static class Limits
{
    /// <summary>Characters kept of one free-text field (a command line, a log line).</summary>
    public const int MaxFieldChars = 2000;

    /// <summary>The first <paramref name="limit"/> items, with the count before cutting.</summary>
    public static (IReadOnlyList<T> Items, int Total, bool Truncated) Take<T>(IEnumerable<T> items, int limit)
    {
        var all = items as IReadOnlyList<T> ?? items.ToList();
        return all.Count <= limit ? (all, all.Count, false) : (all.Take(limit).ToList(), all.Count, true);
    }

    /// <summary><paramref name="text"/> cut to <paramref name="maxChars"/> characters, with a marker that says how much was cut.</summary>
    public static string Clip(string text, int maxChars = MaxFieldChars)
    {
        ArgumentNullException.ThrowIfNull(text);
        return text.Length <= maxChars ? text : $"{text[..maxChars]}…[{text.Length - maxChars} more characters]";
    }

    /// <summary>The first line of a command's error output, cut to 300 characters, for a message.</summary>
    public static string FirstLine(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return text.Split('\n', 2)[0].Trim() is { Length: > 0 } line ? Clip(line, 300) : "no error message";
    }

    /// <summary>A note that says a list was cut, and how to see more.</summary>
    public static string? CutNote(int returned, int total, string what) =>
        returned < total ? $"Showing {returned} of {total} {what}; raise limit or narrow the filter to see others." : null;
}
