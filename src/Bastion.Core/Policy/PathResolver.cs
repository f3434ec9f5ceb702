namespace Bastion.Core.Policy;

/// <summary>
/// Where the path arguments of a command lead, judged lexically for denies and path rules: resolved against the
/// command's working directory, with '.', '..' and repeated slashes folded and the /proc aliases of another directory
/// taken off (/proc/&lt;pid|self|thread-self&gt;[/task/&lt;tid&gt;]/root is /). A part whose target cannot be known
/// (an unknown working directory, ~, $VARIABLE, `…`, /proc/*/cwd, /proc/*/fd/N, /proc/*/map_files/…) is judged as if it
/// were / and as if it were a device under /dev, so that a deny for the root or for devices still applies: a false
/// alarm only refuses. Symbolic links are not followed (that takes the host); the collapsed forms with '..' kept are
/// judged beside these.
/// </summary>
internal sealed class PathResolver
{
    /// <summary>The stand-in for a file or directory whose name cannot be known, as a device.</summary>
    public const string UnknownDevice = "/dev/(unknown)";

    private static readonly string[] UnknownBases = ["/", UnknownDevice];

    private readonly string? _cwd;
    private readonly bool _moved;

    private PathResolver(string? cwd, bool moved)
    {
        _cwd = cwd;
        _moved = moved;
    }

    /// <summary>The working directory, resolved; null when it is not known (the user's home, or an alias).</summary>
    public string? WorkingDirectory => _moved ? null : _cwd;

    /// <summary>
    /// A resolver for commands run in <paramref name="cwd"/> (null: the user's home, which is not known here); null with
    /// <paramref name="problem"/> set when the directory is not absolute or holds a control character.
    /// </summary>
    public static PathResolver? For(string? cwd, out string? problem)
    {
        problem = null;
        if (cwd is null)
        {
            return new PathResolver(null, moved: false);
        }

        if (cwd.Length == 0 || cwd[0] != '/' || cwd.Any(char.IsControl))
        {
            problem = $"cwd '{cwd}' is not an absolute directory without control characters; give one such as /srv/app.";
            return null;
        }

        var resolved = new PathResolver(null, moved: false).Resolve(cwd);
        return resolved.Count == 1 && resolved[0].Exact
            ? new PathResolver(resolved[0].Path, moved: false)
            : new PathResolver(null, moved: false);
    }

    /// <summary>
    /// This resolver for commands that may run elsewhere: after a cd in a shell line, or run by another program (chroot,
    /// nsenter, xargs …). The working directory given is still one candidate, beside / and /dev.
    /// </summary>
    public PathResolver Moved() => _moved ? this : new PathResolver(_cwd, moved: true);

    /// <summary>
    /// The absolute targets of the path part of <paramref name="arg"/> (the whole word, or what follows '=' in
    /// NAME=PATH and --opt=PATH, or the path attached to a short option) with that prefix kept; empty for options and
    /// empty words. Exact is false for a candidate that stands for a target that cannot be known.
    /// </summary>
    public IReadOnlyList<(string Path, bool Exact)> Targets(string arg)
    {
        var (prefix, value) = ArgPaths.Split(arg);
        if (value.Length == 0 || (prefix.Length == 0 && value.StartsWith('-') && value != "-"))
        {
            return [];
        }

        return [.. Resolve(value).Select(c => (prefix + c.Path, c.Exact))];
    }

    /// <summary>The candidate absolute forms of <paramref name="path"/>, each with whether it is exact.</summary>
    public IReadOnlyList<(string Path, bool Exact)> Resolve(string path)
    {
        var states = path.StartsWith('/') ? [([], true)] : StartingDirectories();
        var parts = path.Split('/');
        for (var i = 0; i < parts.Length; i++)
        {
            var part = parts[i];
            if (part.Length == 0 || part == ".")
            {
                continue;
            }

            if (part.Contains('$', StringComparison.Ordinal) || part.Contains('`', StringComparison.Ordinal))
            {
                states = Unknown();
                continue;
            }

            if (i == 0 && part.StartsWith('~'))
            {
                // A home directory: never /dev, but may be / (and its parent is /).
                states = [([], false)];
                continue;
            }

            if (part == "..")
            {
                foreach (var state in states.Where(s => s.Stack.Count > 0))
                {
                    state.Stack.RemoveAt(state.Stack.Count - 1);
                }

                continue;
            }

            var next = new List<(List<string> Stack, bool Exact)>();
            foreach (var (stack, exact) in states)
            {
                stack.Add(part);
                switch (Alias(stack))
                {
                    case AliasKind.Root:
                        next.Add(([], exact));
                        break;
                    case AliasKind.Unknown:
                        next.AddRange(Unknown());
                        break;
                    default:
                        next.Add((stack, exact));
                        break;
                }
            }

            states = next;
        }

        var results = new List<(string Path, bool Exact)>();
        foreach (var (stack, exact) in states)
        {
            Add(results, "/" + string.Join('/', stack), exact);
            if (stack.Count > 0 && IsWildcardOnly(stack[^1]))
            {
                // A glob that matches every name in its directory: /srv/* or, from /, everything under the root.
                Add(results, "/" + string.Join('/', [.. stack.SkipLast(1), "*"]), exact);
            }
        }

        return results;
    }

    private static void Add(List<(string Path, bool Exact)> results, string path, bool exact)
    {
        var normalized = path.Length > 1 && path.StartsWith("//", StringComparison.Ordinal) ? path[1..] : path;
        var at = results.FindIndex(r => r.Path == normalized);
        if (at < 0)
        {
            results.Add((normalized, exact));
        }
        else if (exact && !results[at].Exact)
        {
            results[at] = (normalized, true);
        }
    }

    private List<(List<string> Stack, bool Exact)> StartingDirectories()
    {
        if (_cwd is not null && !_moved)
        {
            return [(Components(_cwd), true)];
        }

        var states = Unknown();
        if (_cwd is not null)
        {
            states.Add((Components(_cwd), false));
        }

        return states;
    }

    private static List<(List<string> Stack, bool Exact)> Unknown() =>
        [.. UnknownBases.Select(b => (Components(b), false))];

    private static List<string> Components(string absolute) => [.. absolute.Split('/', StringSplitOptions.RemoveEmptyEntries)];

    private static AliasKind Alias(List<string> stack)
    {
        if (stack.Count < 3 || stack[0] != "proc" || !IsProcess(stack[1]))
        {
            return AliasKind.None;
        }

        var at = stack.Count >= 5 && stack[2] == "task" && IsNumber(stack[3]) ? 4 : 2;
        if (stack.Count == at + 1)
        {
            return stack[at] switch
            {
                "root" => AliasKind.Root,
                "cwd" => AliasKind.Unknown,
                _ => AliasKind.None,
            };
        }

        return stack.Count == at + 2 && stack[at] is "fd" or "map_files" ? AliasKind.Unknown : AliasKind.None;
    }

    private static bool IsProcess(string name) => name is "self" or "thread-self" || IsNumber(name);

    private static bool IsNumber(string name) => name.Length > 0 && name.All(char.IsAsciiDigit);

    private static bool IsWildcardOnly(string name) =>
        name.Length > 0 && (name.Trim('*', '?').Length == 0 || (name[0] == '[' && (name.EndsWith(']') || name.EndsWith("]*", StringComparison.Ordinal))));

    private enum AliasKind
    {
        None,
        Root,
        Unknown,
    }
}
