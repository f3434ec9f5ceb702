using System.Buffers;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace Bastion.Core.Secrets;

/// <summary>
/// An immutable set of exact secret values and the forms they take in text — raw, JSON-escaped (once and twice),
/// with <c>\/</c> for slashes, and percent-encoded — searched for all at once; then, through a
/// <see cref="FragmentIndex"/>, the same values cut, re-laid or encoded (one character per line, separators inserted,
/// a window of <see cref="FragmentIndex.MinimumFragment"/> characters or more, hexadecimal, base64).
/// </summary>
internal sealed class KnownSecretSet
{
    public static readonly KnownSecretSet Empty = new([]);

    private readonly string[] _values;
    private readonly string[] _formsLongestFirst;
    private readonly SearchValues<string>? _search;
    private readonly FragmentIndex _fragments;

    private KnownSecretSet(string[] values)
    {
        _values = values;
        _fragments = values.Length == 0 ? FragmentIndex.Empty : new FragmentIndex(values);
        _formsLongestFirst = [.. values.SelectMany(FormsOf).Distinct(StringComparer.Ordinal).OrderByDescending(f => f.Length)];
        _search = _formsLongestFirst.Length == 0 ? null : SearchValues.Create(_formsLongestFirst, StringComparison.Ordinal);
    }

    public int Count => _values.Length;

    /// <summary>This set with <paramref name="values"/> added (values already present are not repeated).</summary>
    public KnownSecretSet With(IEnumerable<string> values)
    {
        var added = _values.Concat(values).Distinct(StringComparer.Ordinal).ToArray();
        return added.Length == _values.Length ? this : new KnownSecretSet(added);
    }

    /// <summary>
    /// Replaces every occurrence of any form of any value, leftmost first and longest at each place, then every span
    /// that holds a value or a long-enough fragment of one however it is laid out (see <see cref="FragmentIndex"/>).
    /// An empty set gives the text back without looking.
    /// </summary>
    public string Replace(string text, string replacement) =>
        Count == 0 ? text : ReplaceSpans(ReplaceExact(text, replacement), _fragments.Find, replacement);

    /// <summary>The spans of <paramref name="text"/> that hold a known value or a long-enough fragment of one, in any layout.</summary>
    public List<(int Start, int End)> FindFragments(string text) => _fragments.Find(text);

    /// <summary><paramref name="text"/> with each span <paramref name="find"/> returns replaced by <paramref name="replacement"/>.</summary>
    public static string ReplaceSpans(string text, Func<string, List<(int Start, int End)>> find, string replacement)
    {
        var spans = find(text);
        if (spans.Count == 0)
        {
            return text;
        }

        var builder = new StringBuilder(text.Length);
        var position = 0;
        foreach (var (start, end) in spans)
        {
            builder.Append(text, position, start - position).Append(replacement);
            position = end;
        }

        return builder.Append(text, position, text.Length - position).ToString();
    }

    private string ReplaceExact(string text, string replacement)
    {
        if (_search is null)
        {
            return text;
        }

        var index = text.AsSpan().IndexOfAny(_search);
        if (index < 0)
        {
            return text;
        }

        var builder = new StringBuilder(text.Length);
        var position = 0;
        while (index >= 0)
        {
            var at = position + index;
            var length = _formsLongestFirst.First(f => text.AsSpan(at).StartsWith(f, StringComparison.Ordinal)).Length;
            builder.Append(text, position, at - position).Append(replacement);
            position = at + length;
            index = text.AsSpan(position).IndexOfAny(_search);
        }

        return builder.Append(text, position, text.Length - position).ToString();
    }

    private static IEnumerable<string> FormsOf(string value)
    {
        yield return value;
        var relaxed = JsonEncodedText.Encode(value, JavaScriptEncoder.UnsafeRelaxedJsonEscaping).Value;
        yield return relaxed;
        yield return JsonEncodedText.Encode(value, JavaScriptEncoder.Default).Value;
        yield return JsonEncodedText.Encode(relaxed, JavaScriptEncoder.UnsafeRelaxedJsonEscaping).Value;
        yield return relaxed.Replace("/", "\\/", StringComparison.Ordinal);
        yield return Uri.EscapeDataString(value);
    }
}
