namespace Bastion.Core.Linux;

/// <summary>One group from <c>getent group</c> or <c>/etc/group</c>.</summary>
/// <param name="Name">Group name.</param>
/// <param name="Gid">Group id.</param>
/// <param name="Members">Users listed as supplementary members (users whose primary group this is are not listed here).</param>
public sealed record GroupEntry(string Name, int Gid, IReadOnlyList<string> Members)
{
    private const string Source = "group";

    /// <exception cref="FormatException">Empty text, or a line that does not have 4 colon-separated fields.</exception>
    public static IReadOnlyList<GroupEntry> Parse(string text)
    {
        ParseText.RequireText(text, Source);
        return ParseText.Lines(text)
            .Where(l => !l.StartsWith('#') && !l.StartsWith('+') && !l.StartsWith('-'))
            .Select(line => line.Split(':') is { Length: >= 4 } f
                ? new GroupEntry(f[0], (int)ParseText.Long(f[2], Source, $"gid of {f[0]}"), f[3].Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
                : throw new FormatException($"{Source}: expected 'name:x:gid:members', got '{ParseText.Clip(line)}'."))
            .ToList();
    }
}
