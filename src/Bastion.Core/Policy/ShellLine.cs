using System.Globalization;
using System.Text;

namespace Bastion.Core.Policy;

/// <summary>
/// Reads a shell line as ONE simple command: words separated by blanks, 'single quotes', "double quotes" (where a
/// backslash escapes only $ ` " and \, as in POSIX sh: <see cref="ShellGrammar.EscapesInDoubleQuotes"/>) and backslash
/// escapes outside quotes. Everything else a shell would act on (operators, expansions, globs, redirections, keywords,
/// comments, unquoted non-ASCII look-alikes, control characters) is reported as a feature, so the line can be refused
/// instead of guessed at.
/// </summary>
public static class ShellLine
{
    /// <summary>The longest line accepted, in UTF-16 characters.</summary>
    public const int MaxLength = 4096;

    private const string NewlineFeature = "newline (second command)";

    private static readonly System.Buffers.SearchValues<char> NameChars =
        System.Buffers.SearchValues.Create("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_");

    /// <summary>Parses <paramref name="line"/>; the argv is null whenever a feature was found.</summary>
    public static ShellParseResult Parse(string line)
    {
        ArgumentNullException.ThrowIfNull(line);
        if (line.Length > MaxLength)
        {
            return new ShellParseResult(null, [$"a line of {line.Length} characters (the limit is {MaxLength})"]);
        }

        var features = new List<string>();
        var words = new List<string>();
        var word = new StringBuilder();
        var inWord = false;
        var wordStart = 0;
        string? firstRaw = null;
        var n = line.Length;
        var i = 0;

        void Feature(string name)
        {
            if (!features.Contains(name))
            {
                features.Add(name);
            }
        }

        void Begin()
        {
            if (!inWord)
            {
                inWord = true;
                wordStart = i;
            }
        }

        void End()
        {
            if (inWord)
            {
                if (words.Count == 0)
                {
                    firstRaw = line[wordStart..i];
                }

                words.Add(word.ToString());
                word.Clear();
                inWord = false;
            }
        }

        while (i < n)
        {
            var c = line[i];
            if (c is ' ' or '\t')
            {
                End();
                i++;
                continue;
            }

            if (c == '\n')
            {
                Feature(NewlineFeature);
                End();
                i++;
                continue;
            }

            Begin();
            if (Unprintable(line, i, out var length) is { } bad)
            {
                Feature(bad);
                i += length;
                continue;
            }

            if (c > 0x7F)
            {
                Feature(NonAscii(line, i, out length));
                word.Append(line, i, length);
                i += length;
                continue;
            }

            switch (c)
            {
                case '\'':
                    i = SingleQuoted(line, i, word, Feature);
                    break;
                case '"':
                    i = DoubleQuoted(line, i, word, Feature);
                    break;
                case '\\':
                    i = Escaped(line, i, word, Feature);
                    break;
                case '=' when i == wordStart:
                    Feature("'=' at the start of a word (zsh path expansion)");
                    word.Append(c);
                    i++;
                    break;
                default:
                    if (Operator(line, i, out length) is { } op)
                    {
                        Feature(op);
                        i += length;
                    }
                    else
                    {
                        word.Append(c);
                        i++;
                    }

                    break;
            }
        }

        End();
        if (firstRaw is not null)
        {
            if (ShellGrammar.Keywords.Contains(firstRaw) && words[0] == firstRaw)
            {
                Feature($"'{firstRaw}' (shell keyword)");
            }
            else if (IsAssignment(firstRaw))
            {
                Feature("'NAME=value' before the command (variable assignment)");
            }
        }

        return features.Count > 0 ? new ShellParseResult(null, features) : new ShellParseResult(words, []);
    }

    /// <summary>True when <paramref name="text"/> starts with NAME= (a shell variable name, then '=').</summary>
    internal static bool IsAssignment(string text)
    {
        var eq = text.IndexOf('=', StringComparison.Ordinal);
        return eq > 0 && IsName(text.AsSpan(0, eq));
    }

    /// <summary>True for a shell variable name: a letter or '_', then letters, digits and '_'.</summary>
    internal static bool IsName(ReadOnlySpan<char> name) =>
        name.Length > 0 && (char.IsAsciiLetter(name[0]) || name[0] == '_') && !name.ContainsAnyExcept(NameChars);

    /// <summary>
    /// The feature name of a character that is never accepted, quoted or not: NUL, control characters, and the Unicode
    /// format and separator characters that change how text reads (bidi overrides, zero-width characters).
    /// </summary>
    internal static string? Unprintable(string text, int index, out int length)
    {
        length = 1;
        var c = text[index];
        if (c == '\0')
        {
            return "NUL character (U+0000)";
        }

        if (char.IsSurrogate(c))
        {
            if (Rune.DecodeFromUtf16(text.AsSpan(index), out var rune, out length) != System.Buffers.OperationStatus.Done)
            {
                length = 1;
                return $"unpaired surrogate (U+{(int)c:X4})";
            }

            return IsUnprintable(Rune.GetUnicodeCategory(rune)) ? $"U+{rune.Value:X4} (invisible or control character)" : null;
        }

        return IsUnprintable(char.GetUnicodeCategory(c)) ? $"U+{(int)c:X4} (control or invisible character)" : null;
    }

    private static bool IsUnprintable(UnicodeCategory category) =>
        category is UnicodeCategory.Control or UnicodeCategory.Format or UnicodeCategory.LineSeparator
            or UnicodeCategory.ParagraphSeparator or UnicodeCategory.PrivateUse or UnicodeCategory.OtherNotAssigned;

    private static string NonAscii(string text, int index, out int length)
    {
        if (Rune.DecodeFromUtf16(text.AsSpan(index), out var rune, out length) != System.Buffers.OperationStatus.Done)
        {
            length = 1;
            return $"U+{(int)text[index]:X4} (non-ASCII character)";
        }

        return $"'{rune}' U+{rune.Value:X4} (non-ASCII character outside quotes)";
    }

    private static int SingleQuoted(string line, int i, StringBuilder word, Action<string> feature)
    {
        var close = line.IndexOf('\'', i + 1);
        if (close < 0)
        {
            feature("unterminated quote");
            return line.Length;
        }

        for (var k = i + 1; k < close; k++)
        {
            if (line[k] == '\n')
            {
                feature("newline inside quotes");
            }
            else if (Unprintable(line, k, out _) is { } bad)
            {
                feature(bad);
            }
        }

        word.Append(line, i + 1, close - i - 1);
        return close + 1;
    }

    private static int DoubleQuoted(string line, int i, StringBuilder word, Action<string> feature)
    {
        i++;
        while (i < line.Length)
        {
            var d = line[i];
            if (d == '"')
            {
                return i + 1;
            }

            if (d == '\\' && i + 1 < line.Length && ShellGrammar.EscapesInDoubleQuotes(line[i + 1]))
            {
                if (line[i + 1] == '\n')
                {
                    // sh joins the two lines; Bastion reads one line, so it names the newline instead.
                    feature("newline inside quotes");
                }
                else
                {
                    word.Append(line[i + 1]);
                }

                i += 2;
                continue;
            }

            if (d == '$')
            {
                feature(Dollar(line, i) + " inside double quotes");
            }
            else if (d == '`')
            {
                feature("backquotes (command substitution) inside double quotes");
            }
            else if (d == '\n')
            {
                feature("newline inside quotes");
            }
            else if (Unprintable(line, i, out _) is { } bad)
            {
                feature(bad);
            }

            word.Append(d);
            i++;
        }

        feature("unterminated quote");
        return i;
    }

    private static int Escaped(string line, int i, StringBuilder word, Action<string> feature)
    {
        if (i + 1 >= line.Length)
        {
            feature("'\\' at the end of the line");
            return i + 1;
        }

        var e = line[i + 1];
        if (e == '\n')
        {
            feature(NewlineFeature);
            return i + 2;
        }

        if (Unprintable(line, i + 1, out var length) is { } bad)
        {
            feature(bad);
            return i + 1 + length;
        }

        if (e > 0x7F)
        {
            feature(NonAscii(line, i + 1, out length));
            word.Append(line, i + 1, length);
            return i + 1 + length;
        }

        word.Append(e);
        return i + 2;
    }

    private static string Dollar(string line, int i)
    {
        var next = i + 1 < line.Length ? line[i + 1] : '\0';
        return next switch
        {
            '(' when i + 2 < line.Length && line[i + 2] == '(' => "'$((…))' (arithmetic expansion)",
            '(' => "'$(…)' (command substitution)",
            '{' => "'${…}' (parameter expansion)",
            '\'' => "'$'…'' (ANSI-C quoting)",
            '"' => "'$\"…\"' (locale quoting)",
            _ => "'$NAME' (variable expansion)",
        };
    }

    private static string? Operator(string line, int i, out int length)
    {
        length = 1;
        var c = line[i];
        var next = i + 1 < line.Length ? line[i + 1] : '\0';
        switch (c)
        {
            case ';':
                return "';' (command sequence)";
            case '&':
                if (next == '&')
                {
                    length = 2;
                    return "'&&' (and-list)";
                }

                if (next == '>')
                {
                    length = 2;
                    return "'&>' (redirection)";
                }

                return "'&' (background)";
            case '|':
                if (next == '|')
                {
                    length = 2;
                    return "'||' (or-list)";
                }

                length = next == '&' ? 2 : 1;
                return "'|' (pipe)";
            case '<':
                if (next == '<')
                {
                    var third = i + 2 < line.Length ? line[i + 2] : '\0';
                    length = third == '<' ? 3 : 2;
                    return third == '<' ? "'<<<' (here-string)" : "'<<' (here-document)";
                }

                if (next == '(')
                {
                    length = 2;
                    return "'<(…)' (process substitution)";
                }

                return "'<' (redirection)";
            case '>':
                if (next == '(')
                {
                    length = 2;
                    return "'>(…)' (process substitution)";
                }

                length = next is '>' or '|' or '&' ? 2 : 1;
                return next == '>' ? "'>>' (redirection)" : "'>' (redirection)";
            case '(':
                return "'(' (subshell)";
            case ')':
                return "')' (end of a subshell or substitution)";
            case '$':
                length = next switch
                {
                    '(' when i + 2 < line.Length && line[i + 2] == '(' => 3,
                    '(' or '{' => 2,
                    _ => 1,
                };
                return Dollar(line, i);
            case '`':
                return "backquotes (command substitution)";
            case '*' or '?' or '[':
                return $"'{c}' (glob)";
            case '{' or '}':
                return $"'{c}' (brace group or expansion)";
            case '~':
                return "'~' (tilde expansion)";
            case '#':
                return "'#' (comment)";
            case '!':
                return "'!' (negation or history expansion)";
            default:
                return null;
        }
    }
}
