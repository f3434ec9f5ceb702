namespace Bastion.Core.Linux;

/// <summary>One user from <c>getent passwd</c> or <c>/etc/passwd</c>.</summary>
public sealed record PasswdEntry(string Name, int Uid, int Gid, string Gecos, string Home, string Shell)
{
    private const string Source = "passwd";

    /// <exception cref="FormatException">Empty text, or a line that does not have 7 colon-separated fields.</exception>
    public static IReadOnlyList<PasswdEntry> Parse(string text)
    {
        ParseText.RequireText(text, Source);
        return ParseText.Lines(text)
            .Where(l => !l.StartsWith('#') && !l.StartsWith('+') && !l.StartsWith('-'))
            .Select(line => line.Split(':') is { Length: >= 7 } f
                ? new PasswdEntry(f[0], (int)ParseText.Long(f[2], Source, $"uid of {f[0]}"), (int)ParseText.Long(f[3], Source, $"gid of {f[0]}"), f[4], f[5], f[6])
                : throw new FormatException($"{Source}: expected 'name:x:uid:gid:gecos:home:shell', got '{ParseText.Clip(line)}'."))
            .ToList();
    }
}
