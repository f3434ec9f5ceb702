namespace Bastion.Core.Policy;

/// <summary>One word of a pattern: literal characters, '*' for any run of characters (slashes included) and '?' for one character.</summary>
internal sealed class GlobWord
{
    private readonly string _chars;
    private readonly bool[] _wild;

    private GlobWord(string chars, bool[] wild)
    {
        _chars = chars;
        _wild = wild;
    }

    /// <summary>True when the word has no '*' or '?'.</summary>
    public bool IsLiteral => !_wild.Any(w => w);

    /// <summary>The word with every '*' and '?' a wildcard (no escapes); used for the built-in path lists.</summary>
    public static GlobWord Simple(string text) => new(text, text.Select(c => c is '*' or '?').ToArray());

    /// <summary>A word from characters and, for each, whether it is a wildcard.</summary>
    public static GlobWord From(string chars, IReadOnlyList<bool> wild) => new(chars, [.. wild]);

    /// <summary>True when the whole of <paramref name="text"/> matches.</summary>
    public bool Matches(string text, bool ignoreCase = false)
    {
        int p = 0, s = 0, starP = -1, starS = 0;
        while (s < text.Length)
        {
            if (p < _chars.Length && _wild[p] && _chars[p] == '*')
            {
                starP = p++;
                starS = s;
                continue;
            }

            if (p < _chars.Length && ((_wild[p] && _chars[p] == '?') || (!_wild[p] && Same(_chars[p], text[s], ignoreCase))))
            {
                p++;
                s++;
                continue;
            }

            if (starP < 0)
            {
                return false;
            }

            p = starP + 1;
            s = ++starS;
        }

        while (p < _chars.Length && _wild[p] && _chars[p] == '*')
        {
            p++;
        }

        return p == _chars.Length;
    }

    private static bool Same(char a, char b, bool ignoreCase) =>
        a == b || (ignoreCase && char.ToLowerInvariant(a) == char.ToLowerInvariant(b));
}
