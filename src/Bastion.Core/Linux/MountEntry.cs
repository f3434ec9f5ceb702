namespace Bastion.Core.Linux;

/// <summary>One line of <c>/proc/mounts</c>.</summary>
/// <param name="Source">Device or source.</param>
/// <param name="MountPoint">Mount point, with the kernel's octal escapes (<c>\040</c> for space) decoded.</param>
/// <param name="FsType">File system type, e.g. <c>ext4</c>, <c>xfs</c>, <c>tmpfs</c>.</param>
/// <param name="Options">Mount options, e.g. <c>rw,relatime</c>.</param>
public sealed record MountEntry(string Source, string MountPoint, string FsType, string Options)
{
    /// <exception cref="FormatException">Empty text, or a line with fewer than 4 fields.</exception>
    public static IReadOnlyList<MountEntry> Parse(string text)
    {
        ParseText.RequireText(text, "/proc/mounts");
        return ParseText.Lines(text)
            .Select(line => ParseText.Fields(line) is { Length: >= 4 } f
                ? new MountEntry(Unescape(f[0]), Unescape(f[1]), f[2], f[3])
                : throw new FormatException($"/proc/mounts: expected 'source mountpoint type options', got '{ParseText.Clip(line)}'."))
            .ToList();
    }

    private static string Unescape(string value)
    {
        if (!value.Contains('\\', StringComparison.Ordinal))
        {
            return value;
        }

        var chars = new System.Text.StringBuilder(value.Length);
        for (var i = 0; i < value.Length; i++)
        {
            if (value[i] == '\\' && i + 3 < value.Length && IsOctal(value[i + 1]) && IsOctal(value[i + 2]) && IsOctal(value[i + 3]))
            {
                chars.Append((char)(((value[i + 1] - '0') * 64) + ((value[i + 2] - '0') * 8) + (value[i + 3] - '0')));
                i += 3;
            }
            else
            {
                chars.Append(value[i]);
            }
        }

        return chars.ToString();
    }

    private static bool IsOctal(char c) => c is >= '0' and <= '7';
}
