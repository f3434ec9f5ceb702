using System.Buffers;
using System.Globalization;

namespace Bastion.Core.Secrets;

/// <summary>
/// Text reduced to its letters and digits, lower-cased, with a map from each kept character back to the characters of
/// the original it came from. Everything else is a separator and is dropped: white space and line breaks, punctuation
/// and quotes, and JSON escapes of them (<c>\n</c>, <c>\r</c>, <c>\t</c>, <c>\"</c>, <c>\\</c>, <c>\/</c>, and
/// <c>\uXXXX</c> of anything that is not a letter or digit; <c>\uXXXX</c> of a letter or digit counts as that letter
/// or digit). A <c>[REDACTED:…]</c> marker becomes one <see cref="Wall"/> character. Output cut one character per line, or with commas, quotes or spaces inserted, collapses to the same
/// characters as the value it came from.
/// </summary>
/// <remarks>The arrays are rented: dispose the instance once the spans it found have been mapped back.</remarks>
internal sealed class CollapsedText : IDisposable
{
    /// <summary>Stands for a <c>[REDACTED:…]</c> marker in the collapsed text; no form of a value holds it.</summary>
    public const char Wall = '\uFFFF';

    private const string MarkerStart = "[REDACTED:";

    /// <summary>For each ASCII character: itself lower-cased when it is a letter or digit, otherwise NUL.</summary>
    private static readonly char[] _asciiFold = [.. Enumerable.Range(0, 128).Select(c => char.IsAsciiLetterOrDigit((char)c) ? char.ToLowerInvariant((char)c) : '\0')];

    private CollapsedText(char[] chars, int[] starts, int[] ends, int length)
    {
        Chars = chars;
        Starts = starts;
        Ends = ends;
        Length = length;
    }

    /// <summary>The kept characters, lower-cased (only the first <see cref="Length"/> are used).</summary>
    public char[] Chars { get; }

    /// <summary>Where in the original each kept character begins.</summary>
    public int[] Starts { get; }

    /// <summary>Where in the original each kept character ends (exclusive): after a <c>\uXXXX</c> escape, 6 on.</summary>
    public int[] Ends { get; }

    /// <summary>How many characters were kept.</summary>
    public int Length { get; }

    /// <summary>The collapsed form of <paramref name="text"/>.</summary>
    public static CollapsedText Of(string text)
    {
        var chars = ArrayPool<char>.Shared.Rent(Math.Max(1, text.Length));
        var starts = ArrayPool<int>.Shared.Rent(Math.Max(1, text.Length));
        var ends = ArrayPool<int>.Shared.Rent(Math.Max(1, text.Length));
        var length = 0;
        var i = 0;
        var fold = _asciiFold;
        while (i < text.Length)
        {
            var c = text[i];
            if (c < 128 && fold[c] != '\0')
            {
                chars[length] = fold[c];
                starts[length] = i;
                ends[length] = i + 1;
                length++;
                i++;
                continue;
            }

            if (c == '[' && text.AsSpan(i).StartsWith(MarkerStart, StringComparison.Ordinal) && text.IndexOf(']', i, Math.Min(64, text.Length - i)) is var close and > 0)
            {
                // A marker already put in: a wall no match may cross or use (it spells "known secret" itself).
                chars[length] = Wall;
                starts[length] = i;
                ends[length] = close + 1;
                length++;
                i = close + 1;
                continue;
            }

            if (c == '\\' && i + 1 < text.Length)
            {
                var next = text[i + 1];
                if (next is 'n' or 'r' or 't' or 'b' or 'f' or '"' or '\\' or '/' or '\'')
                {
                    i += 2;
                    continue;
                }

                if (next == 'u' && i + 5 < text.Length
                    && int.TryParse(text.AsSpan(i + 2, 4), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var code))
                {
                    var escaped = (char)code;
                    if (char.IsLetterOrDigit(escaped))
                    {
                        chars[length] = char.ToLowerInvariant(escaped);
                        starts[length] = i;
                        ends[length] = i + 6;
                        length++;
                    }

                    i += 6;
                    continue;
                }
            }

            if (char.IsLetterOrDigit(c))
            {
                chars[length] = char.ToLowerInvariant(c);
                starts[length] = i;
                ends[length] = i + 1;
                length++;
            }

            i++;
        }

        return new CollapsedText(chars, starts, ends, length);
    }

    /// <summary>The collapsed form of <paramref name="value"/> as a string (for indexing a known value).</summary>
    public static string StringOf(string value)
    {
        using var collapsed = Of(value);
        return new string(collapsed.Chars, 0, collapsed.Length);
    }

    public void Dispose()
    {
        ArrayPool<char>.Shared.Return(Chars);
        ArrayPool<int>.Shared.Return(Starts);
        ArrayPool<int>.Shared.Return(Ends);
    }
}
