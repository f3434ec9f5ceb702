namespace Bastion.Core.Policy;

/// <summary>
/// Lexical path normalisation for matching, so that /etc/./shadow, /etc//shadow, /etc/../etc/shadow and /etc/shadow/
/// all read /etc/shadow. The argv that runs is never changed.
/// </summary>
internal static class ArgPaths
{
    private static readonly string[] TrustedDirectories = ["/bin", "/sbin", "/usr/bin", "/usr/sbin", "/usr/local/bin", "/usr/local/sbin"];

    /// <summary>
    /// <paramref name="path"/> without empty and '.' components or a trailing slash; with <paramref name="resolveDotDot"/>,
    /// 'dir/..' pairs are removed too (/.. stays at /). A relative path that began with ./ keeps it, so ./reboot never
    /// reads as the program reboot. Text without a slash is returned as it is.
    /// </summary>
    public static string Normalize(string path, bool resolveDotDot = true)
    {
        if (!path.Contains('/', StringComparison.Ordinal))
        {
            return path;
        }

        var absolute = path[0] == '/';
        var parts = new List<string>();
        foreach (var part in path.Split('/'))
        {
            if (part.Length == 0 || part == ".")
            {
                continue;
            }

            if (part == ".." && resolveDotDot)
            {
                if (parts.Count > 0 && parts[^1] != "..")
                {
                    parts.RemoveAt(parts.Count - 1);
                    continue;
                }

                if (absolute)
                {
                    continue;
                }
            }

            parts.Add(part);
        }

        var joined = string.Join('/', parts);
        if (absolute)
        {
            return "/" + joined;
        }

        if (path.StartsWith("./", StringComparison.Ordinal) && (parts.Count == 0 || parts[0] != ".."))
        {
            return "./" + joined;
        }

        return joined.Length == 0 ? "." : joined;
    }

    /// <summary>
    /// <paramref name="arg"/> with its path part normalised: the whole argument, or what follows '=' in --opt=PATH and
    /// NAME=PATH, or the path attached to a short option (-f/etc//x).
    /// </summary>
    public static string NormalizeArgument(string arg, bool resolveDotDot = true)
    {
        var (prefix, value) = Split(arg);
        return prefix + Normalize(value, resolveDotDot);
    }

    /// <summary>The path-like parts of <paramref name="arg"/> (those with a slash), in both normal forms.</summary>
    public static IEnumerable<string> PathForms(string arg)
    {
        var (_, value) = Split(arg);
        if (!value.Contains('/', StringComparison.Ordinal))
        {
            yield break;
        }

        var lexical = Normalize(value);
        var collapsed = Normalize(value, resolveDotDot: false);
        yield return lexical;
        yield return collapsed;
        if (lexical[0] != '/')
        {
            // Relative to a directory Bastion does not know: also try it as if it sat at the root.
            yield return Normalize("/" + lexical);
            yield return Normalize("/" + collapsed, resolveDotDot: false);
        }
    }

    /// <summary>True when a path has a '..' component.</summary>
    public static bool HasDotDot(string path) => path.Split('/').Contains("..");

    /// <summary>The last component of a program path (/usr/bin/uptime: uptime).</summary>
    public static string Basename(string program)
    {
        var normalized = Normalize(program);
        var slash = normalized.LastIndexOf('/');
        return slash < 0 ? normalized : normalized[(slash + 1)..];
    }

    /// <summary>
    /// True when <paramref name="program"/> is a bare name (found on PATH) or an absolute path in a system directory
    /// (/bin, /sbin, /usr/bin, /usr/sbin, /usr/local/bin, /usr/local/sbin) with no '..': then its basename stands for it.
    /// ./uptime or /tmp/uptime could be anything and never pass for uptime.
    /// </summary>
    public static bool IsTrustedProgram(string program)
    {
        if (!program.Contains('/', StringComparison.Ordinal))
        {
            return true;
        }

        if (program[0] != '/' || HasDotDot(program))
        {
            return false;
        }

        var normalized = Normalize(program);
        var directory = normalized[..normalized.LastIndexOf('/')];
        return TrustedDirectories.Contains(directory, StringComparer.Ordinal);
    }

    /// <summary>
    /// <paramref name="arg"/> split into a prefix and its path part: NAME= or --opt= and what follows, a short option
    /// and the path attached to it (-f/etc/x), or no prefix and the whole argument.
    /// </summary>
    public static (string Prefix, string Value) Split(string arg)
    {
        var eq = arg.IndexOf('=', StringComparison.Ordinal);
        var slash = arg.IndexOf('/', StringComparison.Ordinal);
        if (eq >= 0 && (slash < 0 || eq < slash))
        {
            return (arg[..(eq + 1)], arg[(eq + 1)..]);
        }

        if (arg.StartsWith('-') && slash > 0)
        {
            return (arg[..slash], arg[slash..]);
        }

        return (string.Empty, arg);
    }
}
