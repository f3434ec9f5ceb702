using System.Text;

namespace Bastion.Core.Policy;

/// <summary>
/// A command pattern: words separated by spaces. A word matches exactly one argument, with '*' (any run of characters)
/// and '?' (one character) inside it; the word ** matches zero or more arguments anywhere. A word may be written in
/// double quotes to hold spaces, and a backslash makes the next character literal (\* is a star, \" a quote).
/// </summary>
internal sealed class CommandPattern
{
    /// <summary>The syntax in one sentence, for error messages.</summary>
    public const string Help =
        "a pattern is words separated by spaces; '*' and '?' match inside one argument, the word ** matches any number of arguments, \"double quotes\" keep spaces inside a word and a backslash makes the next character literal";

    private readonly GlobWord?[] _words;

    private CommandPattern(string text, GlobWord?[] words)
    {
        Text = text;
        _words = words;
    }

    /// <summary>The pattern as written.</summary>
    public string Text { get; }

    /// <summary>True when the first word is a plain program name or path (no wildcard, not **).</summary>
    public bool HasLiteralProgram => _words[0] is { IsLiteral: true };

    public override string ToString() => Text;

    /// <summary>Parses <paramref name="text"/>.</summary>
    /// <exception cref="FormatException">The pattern is empty, has an unterminated quote or a trailing backslash,
    /// contains a control character, or has '**' inside a longer word.</exception>
    public static CommandPattern Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var words = new List<GlobWord?>();
        var i = 0;
        while (true)
        {
            while (i < text.Length && text[i] == ' ')
            {
                i++;
            }

            if (i >= text.Length)
            {
                break;
            }

            var chars = new StringBuilder();
            var wild = new List<bool>();
            var quotedOrEscaped = false;
            var inQuotes = false;
            for (; i < text.Length && (inQuotes || text[i] != ' '); i++)
            {
                var c = text[i];
                if (char.IsControl(c))
                {
                    throw new FormatException($"it contains the control character U+{(int)c:X4}");
                }

                if (c == '"')
                {
                    inQuotes = !inQuotes;
                    quotedOrEscaped = true;
                    continue;
                }

                if (c == '\\')
                {
                    if (++i >= text.Length)
                    {
                        throw new FormatException("it ends with a lone backslash");
                    }

                    chars.Append(text[i]);
                    wild.Add(false);
                    quotedOrEscaped = true;
                    continue;
                }

                chars.Append(c);
                wild.Add(c is '*' or '?');
            }

            if (inQuotes)
            {
                throw new FormatException("a double quote is not closed");
            }

            var word = chars.ToString();
            if (word == "**" && !quotedOrEscaped)
            {
                words.Add(null);
                continue;
            }

            for (var k = 1; k < word.Length; k++)
            {
                if (wild[k] && wild[k - 1] && word[k] == '*' && word[k - 1] == '*')
                {
                    throw new FormatException($"'**' must be a word of its own, but '{word}' has it inside");
                }
            }

            words.Add(GlobWord.From(word, wild));
        }

        if (words.Count == 0)
        {
            throw new FormatException("it has no words");
        }

        return new CommandPattern(text, [.. words]);
    }

    /// <summary>True when the pattern matches the whole of <paramref name="argv"/>.</summary>
    public bool Matches(IReadOnlyList<string> argv) => Matches([.. argv.Select(a => (IReadOnlyList<string>)[a])]);

    /// <summary>
    /// True when the pattern matches the whole of an argv given as, for each argument, the forms it may take (as written,
    /// normalised, resolved against the working directory): a word matches an argument when it matches one of its forms.
    /// </summary>
    public bool Matches(IReadOnlyList<IReadOnlyList<string>> argv)
    {
        // matches[w, a]: words w.. match arguments a..; filled from the end so that ** can try every split.
        var wordCount = _words.Length;
        var argCount = argv.Count;
        var next = new bool[argCount + 1];
        var current = new bool[argCount + 1];
        next[argCount] = true;
        for (var w = wordCount - 1; w >= 0; w--)
        {
            var word = _words[w];
            for (var a = argCount; a >= 0; a--)
            {
                current[a] = word is null
                    ? next[a] || (a < argCount && current[a + 1])
                    : a < argCount && next[a + 1] && argv[a].Any(form => word.Matches(form));
            }

            (next, current) = (current, next);
        }

        return next[0];
    }
}
