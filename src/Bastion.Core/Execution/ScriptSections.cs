using System.Text;

namespace Bastion.Core.Execution;

/// <summary>
/// Builds one shell script out of named sections, so that many facts come back in a single round trip,
/// and splits its output again. Each section's output is framed by marker lines that carry the section's
/// name and its exit status, so a missing tool on the host shows as a section with a non-zero status
/// instead of a failed call.
/// </summary>
public sealed class ScriptSections
{
    private const string Begin = "@@bastion-begin ";
    private const string End = "@@bastion-end ";
    private readonly StringBuilder _script = new();

    /// <summary>Adds a section whose output is what <paramref name="shell"/> prints.</summary>
    public ScriptSections Add(string name, string shell)
    {
        _script.Append("echo '").Append(Begin).Append(name).Append("'\n")
            .Append('{').Append(' ').Append(shell).Append("\n} 2>/dev/null\n")
            .Append("rc=$?; echo; echo \"").Append(End).Append(name).Append(" $rc\"\n");
        return this;
    }

    /// <summary>Adds raw script text between sections (e.g. <c>sleep 1</c>).</summary>
    public ScriptSections Then(string shell)
    {
        _script.Append(shell).Append('\n');
        return this;
    }

    /// <summary>The script text.</summary>
    public override string ToString() => _script.ToString();

    /// <summary>Splits the script's output into sections by name.</summary>
    /// <exception cref="FormatException">A section was started but not ended (output cut short).</exception>
    public static IReadOnlyDictionary<string, ScriptSection> Parse(string output)
    {
        ArgumentNullException.ThrowIfNull(output);
        var sections = new Dictionary<string, ScriptSection>(StringComparer.Ordinal);
        string? current = null;
        var body = new StringBuilder();
        foreach (var line in output.Split('\n'))
        {
            if (current is null)
            {
                if (line.StartsWith(Begin, StringComparison.Ordinal))
                {
                    current = line[Begin.Length..];
                    body.Clear();
                }

                continue;
            }

            if (line.StartsWith(End + current + " ", StringComparison.Ordinal))
            {
                var status = int.TryParse(line.AsSpan(End.Length + current.Length + 1), out var code) ? code : -1;
                // The script adds one newline after each section's output, so output without a trailing
                // newline still ends the line before the end marker.
                var text = body.Length > 0 ? body.ToString(0, body.Length - 1) : string.Empty;
                sections[current] = new ScriptSection(current, text, status);
                current = null;
                continue;
            }

            body.Append(line).Append('\n');
        }

        if (current is not null)
        {
            throw new FormatException($"The output of section '{current}' was cut short (no end marker).");
        }

        return sections;
    }
}
