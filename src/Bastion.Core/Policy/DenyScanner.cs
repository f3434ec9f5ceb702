namespace Bastion.Core.Policy;

/// <summary>
/// Looks for a reason to refuse a command in every mode: a deny that matches it, or sudo without the scope. Looks
/// inside too: at the rest of the argv of a command runner (xargs su, watch 'su -c x', nsenter … su) and at the simple
/// commands of a shell line. The search has a budget; a command too intricate to search is refused. Paths are judged as
/// <paramref name="paths"/> resolves them in the command's working directory; after a cd in a shell line, and inside
/// another program's arguments (chroot, nsenter, xargs … may run it elsewhere), the directory counts as unknown.
/// </summary>
internal sealed class DenyScanner(CommandPolicy policy, IReadOnlyList<string> hostGroups, bool maySudo, PathResolver paths)
{
    private static readonly HashSet<string> DirectoryChangers = new(StringComparer.Ordinal) { "cd", "pushd", "popd", "chdir" };

    private const int MaxDepth = 3;
    private static readonly System.Buffers.SearchValues<char> ShellChars = System.Buffers.SearchValues.Create(" \t;&|`$(<>\n");

    private int _budget = 4000;

    /// <summary>Why the unwrapped <paramref name="inner"/> must be refused, or null.</summary>
    public string? Scan(IReadOnlyList<string> inner) => Scan(inner, 0, paths);

    /// <summary>Why a shell line (any syntax) must be refused, or null.</summary>
    public string? ScanLine(string line) => ScanLine(line, 0, paths);

    private string? Scan(IReadOnlyList<string> inner, int depth, PathResolver where)
    {
        if (--_budget < 0)
        {
            return "The command nests too many commands to check; send a simpler command.";
        }

        if (policy.DenyMatch(inner, hostGroups, where) is { } denied)
        {
            return denied;
        }

        if (depth >= MaxDepth || !ProgramKinds.CarriesCommands(ArgPaths.Basename(inner[0])))
        {
            return null;
        }

        for (var i = 1; i < inner.Count; i++)
        {
            var arg = inner[i];
            if (!arg.StartsWith('-') && ScanArgv([.. inner.Skip(i)], depth + 1, where.Moved()) is { } fromRest)
            {
                return fromRest;
            }

            if (arg.AsSpan().IndexOfAny(ShellChars) >= 0 && ScanLine(arg, depth + 1, where.Moved()) is { } fromString)
            {
                return fromString;
            }
        }

        return null;
    }

    private string? ScanLine(string line, int depth, PathResolver where)
    {
        if (--_budget < 0)
        {
            return "The command nests too many commands to check; send a simpler command.";
        }

        var parsed = ShellLine.Parse(line);
        if (parsed.Argv is not null)
        {
            return parsed.Argv.Count > 0 ? ScanArgv(parsed.Argv, depth, where) : null;
        }

        var segments = ShellSegments.Split(line);
        if (Flatten(line) is { } flattened)
        {
            // rm -rf `pwd`/.. splits at the backquote; read once more with each substitution as one unknown word.
            segments.AddRange(ShellSegments.Split(flattened));
        }

        if (segments.Any(s => DirectoryChangers.Contains(ArgPaths.Basename(s[0]))))
        {
            where = where.Moved();
        }

        foreach (var segment in segments)
        {
            if (ScanArgv(segment, depth, where) is { } found)
            {
                return found;
            }
        }

        if (depth < MaxDepth)
        {
            // Command substitutions inside double quotes: "$(su -c x)" and "`su -c x`".
            for (var at = 0; at < line.Length; at++)
            {
                if ((line[at] == '`' || (line[at] == '$' && at + 1 < line.Length && line[at + 1] == '(')) && at + 2 < line.Length
                    && ScanLine(line[(at + (line[at] == '`' ? 1 : 2))..], depth + 1, where) is { } found)
                {
                    return found;
                }
            }
        }

        return null;
    }

    /// <summary><paramref name="line"/> with each command substitution (`…` or $(…)) replaced by $S; null when it has none.</summary>
    private static string? Flatten(string line)
    {
        var text = new System.Text.StringBuilder(line.Length);
        var found = false;
        for (var i = 0; i < line.Length; i++)
        {
            if (line[i] == '`' && line.IndexOf('`', i + 1) is var close and > 0)
            {
                text.Append("$S");
                i = close;
                found = true;
            }
            else if (line[i] == '$' && i + 1 < line.Length && line[i + 1] == '(')
            {
                var depth = 0;
                var end = i + 1;
                for (; end < line.Length; end++)
                {
                    depth += line[end] == '(' ? 1 : line[end] == ')' ? -1 : 0;
                    if (depth == 0)
                    {
                        break;
                    }
                }

                text.Append("$S");
                i = end;
                found = true;
            }
            else
            {
                text.Append(line[i]);
            }
        }

        return found ? text.ToString() : null;
    }

    private string? ScanArgv(IReadOnlyList<string> argv, int depth, PathResolver where)
    {
        if (argv.Count == 0 || argv[0].Length == 0)
        {
            return null;
        }

        var unwrapped = Wrappers.Unwrap(argv, maySudo);
        if (unwrapped.SudoScope)
        {
            return unwrapped.Refusal;
        }

        if (unwrapped.Inner is { Count: > 0 } inner)
        {
            return Scan(inner, depth, where);
        }

        return unwrapped.Script is not null && depth < MaxDepth ? ScanLine(unwrapped.Script, depth + 1, where) : null;
    }
}
