namespace Bastion.Core.Files;

/// <summary>Checks and normalises file paths that tools receive (on a host, or on Bastion's own machine).</summary>
public static class RemotePath
{
    private const int MaxLength = 4096;

    /// <summary>
    /// The path with <c>//</c> and <c>/./</c> folded and any trailing slash dropped, when it is absolute, at most 4096
    /// characters, free of control characters (NUL, newline) and of <c>..</c> segments.
    /// </summary>
    /// <param name="path">The path given by the caller.</param>
    /// <param name="parameter">The parameter's name, for the message.</param>
    /// <exception cref="BastionException">The path breaks a rule; the message says which and what is accepted.</exception>
    public static string Normalize(string? path, string parameter = "path")
    {
        const string Accepted = "Accepted: an absolute path such as /etc/nginx/nginx.conf, without '..'.";
        if (string.IsNullOrEmpty(path) || path.Length > MaxLength)
        {
            throw new BastionException($"{parameter} must be 1 to {MaxLength} characters long. {Accepted}");
        }

        if (path.Any(char.IsControl))
        {
            throw new BastionException($"{parameter} contains a control character (NUL, newline, …). {Accepted}");
        }

        if (!path.StartsWith('/'))
        {
            throw new BastionException($"{parameter} '{path}' is not absolute. {Accepted}");
        }

        var segments = path.Split('/', StringSplitOptions.RemoveEmptyEntries).Where(s => s != ".").ToList();
        if (segments.Contains(".."))
        {
            throw new BastionException($"{parameter} '{path}' contains '..'. {Accepted}");
        }

        return "/" + string.Join('/', segments);
    }
}
