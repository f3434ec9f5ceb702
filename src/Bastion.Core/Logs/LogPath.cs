namespace Bastion.Core.Logs;

/// <summary>Checks a log file path against the allowed roots.</summary>
public static class LogPath
{
    private const int MaxLength = 4096;

    /// <summary>
    /// The path, normalised (<c>//</c> and <c>/./</c> folded), when it is absolute, has no <c>..</c> segment, no
    /// control characters, and lies under one of <paramref name="roots"/>.
    /// </summary>
    /// <exception cref="BastionException">The path breaks one of those rules; the message says which, and what is accepted.</exception>
    public static string Normalize(string path, IReadOnlyList<string> roots)
    {
        ArgumentNullException.ThrowIfNull(path);
        ArgumentNullException.ThrowIfNull(roots);
        var accepted = $"Accepted: an absolute path to a file under {string.Join(" or ", roots)}, e.g. {(roots.Count > 0 ? roots[0] : "/var/log")}/syslog.";
        if (path.Length == 0 || path.Length > MaxLength)
        {
            throw new BastionException($"path must be 1 to {MaxLength} characters long. {accepted}");
        }

        if (path.Any(char.IsControl))
        {
            throw new BastionException($"path contains a control character (such as NUL or a newline). {accepted}");
        }

        if (!path.StartsWith('/'))
        {
            throw new BastionException($"path '{path}' is not absolute. {accepted}");
        }

        var segments = path.Split('/', StringSplitOptions.RemoveEmptyEntries).Where(s => s != ".").ToList();
        if (segments.Contains(".."))
        {
            throw new BastionException($"path '{path}' contains '..'. {accepted}");
        }

        var normalized = "/" + string.Join('/', segments);
        if (!IsUnder(normalized, roots))
        {
            throw new BastionException($"path '{path}' is outside what the logs tools may read. {accepted}");
        }

        return normalized;
    }

    /// <summary>True when <paramref name="path"/> (normalised) is strictly inside one of <paramref name="roots"/>.</summary>
    public static bool IsUnder(string path, IReadOnlyList<string> roots)
    {
        ArgumentNullException.ThrowIfNull(path);
        ArgumentNullException.ThrowIfNull(roots);
        return roots.Any(r => path.StartsWith(r.TrimEnd('/') + "/", StringComparison.Ordinal));
    }
}
