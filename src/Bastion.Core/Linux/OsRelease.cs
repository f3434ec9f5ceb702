namespace Bastion.Core.Linux;

/// <summary>Identification of the operating system, from <c>/etc/os-release</c> (or <c>/usr/lib/os-release</c>).</summary>
/// <param name="Id">Lower-case distribution id, e.g. <c>debian</c>, <c>rocky</c>, <c>alpine</c>.</param>
/// <param name="Name">Distribution name, e.g. <c>Debian GNU/Linux</c>.</param>
/// <param name="VersionId">Version, e.g. <c>12</c>, <c>9.4</c>, <c>3.20.3</c>; null on rolling releases.</param>
/// <param name="PrettyName">Name and version for people, e.g. <c>Debian GNU/Linux 12 (bookworm)</c>.</param>
/// <param name="IdLike">Related distributions, e.g. <c>rhel centos fedora</c>; null when absent.</param>
public sealed record OsRelease(string Id, string Name, string? VersionId, string PrettyName, string? IdLike)
{
    private const string Source = "os-release";

    /// <summary>Parses os-release text: <c>KEY=value</c> lines, values optionally quoted with shell escapes.</summary>
    /// <exception cref="FormatException">Empty text, or neither ID nor NAME present.</exception>
    public static OsRelease Parse(string text)
    {
        ParseText.RequireText(text, Source);
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var line in ParseText.Lines(text))
        {
            if (line.StartsWith('#'))
            {
                continue;
            }

            var eq = line.IndexOf('=', StringComparison.Ordinal);
            if (eq <= 0)
            {
                continue;
            }

            values[line[..eq]] = Unquote(line[(eq + 1)..]);
        }

        if (!values.ContainsKey("ID") && !values.ContainsKey("NAME"))
        {
            throw new FormatException($"{Source}: neither ID nor NAME is set; is this an os-release file?");
        }

        var name = values.GetValueOrDefault("NAME") ?? "Linux";
        var id = values.GetValueOrDefault("ID") ?? name.ToLowerInvariant();
        var version = values.GetValueOrDefault("VERSION_ID");
        var pretty = values.GetValueOrDefault("PRETTY_NAME") ?? (version is null ? name : $"{name} {version}");
        return new OsRelease(id, name, version, pretty, values.GetValueOrDefault("ID_LIKE"));
    }

    private static string Unquote(string value)
    {
        if (value.Length >= 2 && (value[0] == '"' || value[0] == '\'') && value[^1] == value[0])
        {
            var inner = value[1..^1];
            return value[0] == '"'
                ? inner.Replace("\\\"", "\"", StringComparison.Ordinal).Replace("\\$", "$", StringComparison.Ordinal)
                    .Replace("\\`", "`", StringComparison.Ordinal).Replace("\\\\", "\\", StringComparison.Ordinal)
                : inner;
        }

        return value;
    }
}
