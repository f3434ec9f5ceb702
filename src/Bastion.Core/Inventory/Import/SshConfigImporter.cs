namespace Bastion.Core.Inventory.Import;

/// <summary>
/// Turns an OpenSSH client configuration (ssh_config(5), e.g. <c>~/.ssh/config</c>) into SSH hosts: one per alias
/// named on a <c>Host</c> line without wildcards or negation. Keywords are case-insensitive; <c>Keyword value</c>,
/// <c>Keyword=value</c> and <c>Keyword = value</c> all work; values may be double-quoted; <c>#</c> starts a comment.
/// Each host takes, as ssh does, the first value seen for <c>HostName</c> (its address, the alias when absent;
/// <c>%h</c> is the alias), <c>Port</c>, <c>User</c>, <c>IdentityFile</c> (kept as written, <c>~</c> included) and
/// <c>ProxyJump</c> (its jump host; <c>none</c> for none), also when the alias appears in several blocks.
/// Options outside a concrete alias's blocks (before the first Host line, in wildcard-only blocks and in
/// <c>Match</c> blocks) are not applied.
/// </summary>
public static class SshConfigImporter
{
    /// <summary>Parses the text of an ssh_config file.</summary>
    /// <param name="text">The file's text; empty text gives an empty result.</param>
    /// <param name="readInclude">
    /// Returns the text of the file an <c>Include</c> argument names, exactly as written (wildcards included), or null
    /// when there is none, which ssh ignores. Without it, <c>Include</c> lines are reported in
    /// <see cref="ImportResult.Skipped"/> and not followed; so is an argument with wildcards in a directory part.
    /// </param>
    /// <returns>The hosts, in the order their aliases first appear, and a sentence for each pattern, host or block left out.</returns>
    /// <exception cref="FormatException">A line cannot be parsed (an unclosed quote, a Host line without a pattern,
    /// an option with no value or several); the message gives the line number.</exception>
    public static ImportResult Parse(string text, Func<string, string?>? readInclude = null)
    {
        ArgumentNullException.ThrowIfNull(text);
        Func<string, IEnumerable<(string Name, string Text)>>? includedFiles = readInclude is null
            ? null
            : pattern => readInclude(pattern) is { } included ? [(pattern, included)] : [];
        return new SshConfigReader(includedFiles).Read(text, null);
    }

    /// <summary>
    /// Reads the ssh_config file at <paramref name="path"/> and the files its <c>Include</c> lines name, and parses them
    /// as <see cref="Parse"/> does. An include path that is not absolute is taken from <c>~/.ssh/</c>; a leading
    /// <c>~</c> is the home directory; <c>*</c> and <c>?</c> may appear in the file name part (matches are read in
    /// name order); missing files are ignored, as ssh does.
    /// </summary>
    /// <param name="path">The file to read, e.g. <c>~/.ssh/config</c>.</param>
    /// <returns>The hosts of the file and its includes, and a sentence for each entry left out.</returns>
    /// <exception cref="FormatException">A line cannot be parsed; the message names the file and line.</exception>
    /// <exception cref="IOException">The file cannot be read.</exception>
    public static ImportResult Import(string path) => Import(path, Environment.GetFolderPath(Environment.SpecialFolder.UserProfile));

    /// <summary><see cref="Import(string)"/> with <paramref name="home"/> as the home directory.</summary>
    internal static ImportResult Import(string path, string home)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        var fullPath = Path.GetFullPath(ExpandHome(path, home));
        return new SshConfigReader(pattern => IncludedFiles(pattern, home)).Read(File.ReadAllText(fullPath), fullPath);
    }

    private static IEnumerable<(string Name, string Text)> IncludedFiles(string pattern, string home)
    {
        var path = ExpandHome(pattern, home);
        if (!Path.IsPathRooted(path))
        {
            path = Path.Join(home, ".ssh", path);
        }

        var directory = Path.GetDirectoryName(path) ?? path;
        var fileName = Path.GetFileName(path);
        IEnumerable<string> files = fileName.AsSpan().IndexOfAny('*', '?') < 0
            ? (File.Exists(path) ? [path] : [])
            : (Directory.Exists(directory) ? Directory.GetFiles(directory, fileName).Order(StringComparer.Ordinal) : []);
        return files.Select(file => (file, File.ReadAllText(file)));
    }

    private static string ExpandHome(string path, string home) =>
        path == "~" ? home : path.StartsWith("~/", StringComparison.Ordinal) ? Path.Join(home, path[2..]) : path;
}
