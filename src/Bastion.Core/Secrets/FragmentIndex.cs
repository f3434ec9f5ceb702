using System.Buffers.Text;
using System.Numerics;
using System.Text;

namespace Bastion.Core.Secrets;

/// <summary>
/// Finds known secret values however the output was cut or re-laid: it matches the collapsed text (see
/// <see cref="CollapsedText"/>) against the collapsed forms of each value, and accepts any run of at least
/// <see cref="MinimumFragment"/> characters of a form, so a window (<c>head -c</c>, <c>tail -c</c>, an offset and
/// length) that returns part of a value is caught as well as the whole value one character per line.
/// </summary>
/// <remarks>
/// <para>Forms of a value: its letters and digits, lower-cased; the hexadecimal of its UTF-8 bytes
/// (<c>xxd -p</c>, <c>od -An -tx1</c>); its base64 (<c>base64</c>, at each of the three alignments it can take inside a
/// longer encoded text); and when the value is itself base64 of 16 bytes or more (a key), the hexadecimal of the bytes
/// it decodes to. Forms shorter than <see cref="GramLength"/> are not indexed: such values are matched only exactly, by
/// <see cref="KnownSecretSet"/>.</para>
/// <para>Speed: every substring of <see cref="GramLength"/> characters of every form is indexed by a 64-bit polynomial
/// hash; the text is scanned once with a rolling hash, a bit filter (about 32 bits per indexed substring) in front of the dictionary, and a hit is
/// checked character by character and extended. The cost is linear in the text whatever the number of values.</para>
/// </remarks>
internal sealed class FragmentIndex
{
    /// <summary>Length of the indexed substrings, and the shortest fragment ever accepted.</summary>
    public const int GramLength = 8;

    /// <summary>The fragment length at and above which a part of a long value is always accepted.</summary>
    public const int LongFragment = 12;

    public static readonly FragmentIndex Empty = new([]);

    private const ulong Base = 0x100000001B3;
    private const ulong FilterMultiplier = 0x9E3779B97F4A7C15;
    private const int MaxCandidatesPerGram = 8;
    private static readonly ulong _baseToGramMinusOne = Power(Base, GramLength - 1);

    private readonly Form[] _forms;
    private readonly Dictionary<ulong, (int Form, int Offset)[]> _grams;
    private readonly ulong[] _filter;
    private readonly int _filterShift;

    public FragmentIndex(IEnumerable<string> values)
    {
        _forms = [.. values.SelectMany(FormsOf).Where(f => f.Text.Length >= GramLength).DistinctBy(f => f.Text, StringComparer.Ordinal)];
        var grams = new Dictionary<ulong, List<(int, int)>>();
        for (var f = 0; f < _forms.Length; f++)
        {
            var text = _forms[f].Text;
            var hash = 0UL;
            for (var i = 0; i < text.Length; i++)
            {
                hash = Roll(hash, i >= GramLength ? text[i - GramLength] : '\0', text[i], i >= GramLength);
                if (i >= GramLength - 1)
                {
                    if (!grams.TryGetValue(hash, out var list))
                    {
                        grams[hash] = list = [];
                    }

                    if (list.Count < MaxCandidatesPerGram)
                    {
                        list.Add((f, i - GramLength + 1));
                    }
                }
            }
        }

        _grams = grams.ToDictionary(g => g.Key, g => g.Value.ToArray());

        // About 32 bits per indexed substring, so that few positions of the text get past the filter to the dictionary.
        var bits = Math.Clamp((int)BitOperations.RoundUpToPowerOf2((uint)Math.Max(1, _grams.Count * 32)), 1 << 16, 1 << 26);
        _filter = new ulong[bits / 64];
        _filterShift = 64 - BitOperations.Log2((uint)bits);
        foreach (var hash in _grams.Keys)
        {
            var bit = FilterBit(hash);
            _filter[bit >> 6] |= 1UL << (bit & 63);
        }
    }

    public bool IsEmpty => _forms.Length == 0;

    /// <summary>
    /// The shortest run of a form of a value of <paramref name="length"/> collapsed characters that counts as the
    /// value: <see cref="LongFragment"/> (12), or half the value when that is shorter, and never fewer than
    /// <see cref="GramLength"/> (8); the whole form when it is shorter than that.
    /// </summary>
    public static int MinimumFragment(int length) => Math.Min(length, Math.Clamp((length + 1) / 2, GramLength, LongFragment));

    /// <summary>The spans of <paramref name="text"/> (start, exclusive end; ordered, not overlapping) that hold a fragment of a known value.</summary>
    public List<(int Start, int End)> Find(string text)
    {
        var spans = new List<(int Start, int End)>();
        if (IsEmpty || text.Length < GramLength)
        {
            return spans;
        }

        using var collapsed = CollapsedText.Of(text);
        var chars = collapsed.Chars;
        var n = collapsed.Length;
        var lastDiagonal = new int[_forms.Length];
        var lastEnd = new int[_forms.Length];
        Array.Fill(lastDiagonal, int.MinValue);
        var (filter, shift, power) = (_filter, _filterShift, _baseToGramMinusOne);
        var hash = 0UL;
        var runStart = -1;
        var runEnd = -1;
        for (var i = 0; i < n; i++)
        {
            // Roll and FilterBit written out: this loop runs once per character of every tool result.
            hash = i >= GramLength ? ((hash - (chars[i - GramLength] * power)) * Base) + chars[i] : (hash * Base) + chars[i];
            if (i < GramLength - 1)
            {
                continue;
            }

            var bit = (int)((hash * FilterMultiplier) >> shift);
            if ((filter[bit >> 6] & (1UL << (bit & 63))) == 0 || !_grams.TryGetValue(hash, out var candidates))
            {
                continue;
            }

            var at = i - GramLength + 1;
            foreach (var (f, offset) in candidates)
            {
                var diagonal = at - offset;
                if (diagonal == lastDiagonal[f] && at < lastEnd[f])
                {
                    continue; // inside a run of this form already found
                }

                var form = _forms[f].Text;
                var length = 0;
                while (at + length < n && offset + length < form.Length && chars[at + length] == form[offset + length])
                {
                    length++;
                }

                if (length < GramLength)
                {
                    continue; // a hash collision
                }

                (lastDiagonal[f], lastEnd[f]) = (diagonal, at + length);
                if (length < _forms[f].Minimum)
                {
                    continue;
                }

                var (start, end) = (collapsed.Starts[at], collapsed.Ends[at + length - 1]);
                if (runStart >= 0 && start <= runEnd)
                {
                    runEnd = Math.Max(runEnd, end);
                }
                else
                {
                    if (runStart >= 0)
                    {
                        spans.Add((runStart, runEnd));
                    }

                    (runStart, runEnd) = (start, end);
                }
            }
        }

        if (runStart >= 0)
        {
            spans.Add((runStart, runEnd));
        }

        return spans;
    }

    private static IEnumerable<Form> FormsOf(string value)
    {
        var letters = CollapsedText.StringOf(value);
        if (letters.Length < GramLength)
        {
            yield break; // too short to look for in pieces: matched exactly only
        }

        var minimum = MinimumFragment(letters.Length);
        yield return new Form(letters, minimum);

        var bytes = Encoding.UTF8.GetBytes(value);
        var hex = Convert.ToHexStringLower(bytes);
        yield return new Form(hex, Math.Min(hex.Length, 2 * minimum));

        // Base64 of a text that holds the value at byte offset 0, 1 or 2 (mod 3): the characters that depend on the
        // value alone, without the bytes around it.
        for (var shift = 0; shift < 3; shift++)
        {
            var padded = new byte[shift + bytes.Length];
            bytes.CopyTo(padded, shift);
            var encoded = Convert.ToBase64String(padded);
            var first = shift == 0 ? 0 : (shift * 4 / 3) + 1;
            var usableBytes = (padded.Length / 3) * 3;
            var last = usableBytes * 4 / 3;
            if (last - first >= GramLength)
            {
                var middle = CollapsedText.StringOf(encoded[first..last]);
                yield return new Form(middle, Math.Min(middle.Length, minimum + (minimum / 3)));
            }
        }

        // A key written as base64: also its bytes in hexadecimal (base64 -d | xxd -p).
        var trimmed = value.Trim();
        var decoded = new byte[Base64.GetMaxDecodedFromUtf8Length(trimmed.Length)];
        if (trimmed.Length >= 24 && Convert.TryFromBase64String(trimmed, decoded, out var written) && written >= 16)
        {
            var decodedHex = Convert.ToHexStringLower(decoded.AsSpan(0, written));
            yield return new Form(decodedHex, Math.Min(decodedHex.Length, 2 * LongFragment));
        }
    }

    private static ulong Roll(ulong hash, char leaving, char entering, bool full) =>
        ((full ? hash - (leaving * _baseToGramMinusOne) : hash) * Base) + entering;

    private int FilterBit(ulong hash) => (int)((hash * FilterMultiplier) >> _filterShift);

    private static ulong Power(ulong value, int exponent)
    {
        var result = 1UL;
        for (var i = 0; i < exponent; i++)
        {
            result *= value;
        }

        return result;
    }

    /// <summary>A form of a value and the fewest of its characters that count as the value.</summary>
    private readonly record struct Form(string Text, int Minimum);
}
