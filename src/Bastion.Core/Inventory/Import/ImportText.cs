using System.Text;
using Bastion.Core.Linux;

namespace Bastion.Core.Inventory.Import;

/// <summary>Word splitting shared by the importers.</summary>
internal static class ImportText
{
    /// <summary>
    /// Splits <paramref name="text"/> into words: whitespace separates them, any of <paramref name="quotes"/> opens a
    /// quoted stretch that runs to the same character (quotes removed, so <c>"a b"</c> is one word <c>a b</c>), and an
    /// unquoted <c>#</c> at the start of a word comments out the rest of the line.
    /// </summary>
    /// <param name="text">The text to split.</param>
    /// <param name="where">Where the text is, e.g. <c>line 4</c>, for the error message.</param>
    /// <param name="quotes">The characters that quote.</param>
    /// <exception cref="FormatException">A quote is not closed.</exception>
    public static List<string> Words(string text, string where, string quotes)
    {
        var words = new List<string>();
        var word = new StringBuilder();
        var inWord = false;
        var quote = '\0';
        foreach (var c in text)
        {
            if (quote != '\0')
            {
                if (c == quote)
                {
                    quote = '\0';
                }
                else
                {
                    word.Append(c);
                }
            }
            else if (quotes.Contains(c, StringComparison.Ordinal))
            {
                quote = c;
                inWord = true;
            }
            else if (char.IsWhiteSpace(c))
            {
                if (inWord)
                {
                    words.Add(word.ToString());
                    word.Clear();
                    inWord = false;
                }
            }
            else if (c == '#' && !inWord)
            {
                break;
            }
            else
            {
                word.Append(c);
                inWord = true;
            }
        }

        if (quote != '\0')
        {
            throw new FormatException($"{where}: the quote {quote} is never closed in '{ParseText.Clip(text.Trim())}'; close it or remove it.");
        }

        if (inWord)
        {
            words.Add(word.ToString());
        }

        return words;
    }
}
