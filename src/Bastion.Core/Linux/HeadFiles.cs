using System.Text.RegularExpressions;

namespace Bastion.Core.Linux;

/// <summary>
/// Splits the output of <c>head -v -c N FILE…</c> (GNU or BusyBox), where each file's content follows a
/// <c>==&gt; FILE &lt;==</c> header, back into one text per file.
/// </summary>
public static partial class HeadFiles
{
    /// <summary>Content per path. Files whose content ends without a newline (such as <c>/proc/[pid]/cmdline</c>) are kept exactly.</summary>
    public static IReadOnlyDictionary<string, string> Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        var headers = Header().Matches(text);
        for (var i = 0; i < headers.Count; i++)
        {
            var start = headers[i].Index + headers[i].Length;
            var end = i + 1 < headers.Count ? headers[i + 1].Index : text.Length;
            var content = text[start..end];
            // head separates one file's content from the next header with a newline of its own.
            if (i + 1 < headers.Count && content.EndsWith('\n'))
            {
                content = content[..^1];
            }

            result[headers[i].Groups[1].Value] = content;
        }

        return result;
    }

    [GeneratedRegex(@"(?:^|(?<=\n))==> (.+?) <==\n")]
    private static partial Regex Header();
}
