using System.Text;

namespace Bastion.Core.Policy;

/// <summary>
/// A best-effort split of a shell line that uses shell syntax into the simple commands a reader can see in it, so that
/// denies and the sudo scope still apply to "uptime; su -c reboot". Expansions stay as written and cannot be followed:
/// this only narrows what a shell line may do, it never lets one through. Keywords and quoting follow
/// <see cref="ShellGrammar"/>, as <see cref="ShellLine"/> does.
/// </summary>
internal static class ShellSegments
{
    /// <summary>The simple commands of <paramref name="line"/>, each as words with quotes removed.</summary>
    public static List<List<string>> Split(string line)
    {
        var segments = new List<List<string>>();
        var current = new List<string>();
        var word = new StringBuilder();
        var inWord = false;
        var dropNext = false;

        void EndWord()
        {
            if (!inWord)
            {
                return;
            }

            if (dropNext)
            {
                dropNext = false;
            }
            else
            {
                current.Add(word.ToString());
            }

            word.Clear();
            inWord = false;
        }

        void EndSegment()
        {
            EndWord();
            var start = 0;
            while (start < current.Count && (ShellGrammar.Keywords.Contains(current[start]) || ShellLine.IsAssignment(current[start])))
            {
                start++;
            }

            if (start < current.Count)
            {
                segments.Add(current.GetRange(start, current.Count - start));
            }

            current = [];
        }

        for (var i = 0; i < line.Length; i++)
        {
            var c = line[i];
            switch (c)
            {
                case ' ' or '\t':
                    EndWord();
                    break;
                case '\'':
                    inWord = true;
                    var close = line.IndexOf('\'', i + 1);
                    close = close < 0 ? line.Length : close;
                    word.Append(line, i + 1, close - i - 1);
                    i = close;
                    break;
                case '"':
                    inWord = true;
                    for (i++; i < line.Length && line[i] != '"'; i++)
                    {
                        if (line[i] == '\\' && i + 1 < line.Length && ShellGrammar.EscapesInDoubleQuotes(line[i + 1]))
                        {
                            i++;
                            if (line[i] == '\n')
                            {
                                continue;
                            }
                        }

                        word.Append(line[i]);
                    }

                    break;
                case '\\':
                    inWord = true;
                    if (++i < line.Length && line[i] != '\n')
                    {
                        word.Append(line[i]);
                    }

                    break;
                case ';' or '&' or '|' or '(' or ')' or '`' or '\n' or '\r':
                    EndSegment();
                    break;
                case '$' when i + 1 < line.Length && line[i + 1] == '(':
                    EndSegment();
                    i++;
                    break;
                case '<' or '>':
                    if (inWord && word.ToString().All(char.IsAsciiDigit))
                    {
                        word.Clear();
                        inWord = false;
                    }

                    EndWord();
                    while (i + 1 < line.Length && line[i + 1] is '<' or '>' or '&' or '|')
                    {
                        i++;
                    }

                    if (i + 1 < line.Length && line[i + 1] == '(')
                    {
                        EndSegment();
                        i++;
                        break;
                    }

                    dropNext = true;
                    break;
                default:
                    inWord = true;
                    word.Append(c);
                    break;
            }
        }

        EndSegment();
        return segments;
    }
}
