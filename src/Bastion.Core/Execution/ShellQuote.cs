using System.Text;

namespace Bastion.Core.Execution;

/// <summary>
/// Quotes words for a POSIX shell, for runners that hand a remote side one command string its shell splits again (ssh,
/// Alpacon's Command API). Every word becomes exactly one argument on the remote side, whatever it contains.
/// </summary>
public static class ShellQuote
{
    /// <summary><paramref name="word"/> as one shell word: bare when it holds only safe characters, else single-quoted.</summary>
    public static string Quote(string word)
    {
        ArgumentNullException.ThrowIfNull(word);
        if (word.Length > 0 && word.All(IsSafe))
        {
            return word;
        }

        return "'" + word.Replace("'", "'\\''", StringComparison.Ordinal) + "'";
    }

    /// <summary>The words quoted and joined with spaces.</summary>
    public static string Join(IEnumerable<string> words)
    {
        ArgumentNullException.ThrowIfNull(words);
        var line = new StringBuilder();
        foreach (var word in words)
        {
            if (line.Length > 0)
            {
                line.Append(' ');
            }

            line.Append(Quote(word));
        }

        return line.ToString();
    }

    private static bool IsSafe(char c) => char.IsAsciiLetterOrDigit(c) || c is '_' or '-' or '.' or '/' or ':' or '=' or '@' or '%' or '+' or ',';
}
