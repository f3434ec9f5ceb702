namespace Bastion.Core.Linux;

/// <summary>One line of POSIX <c>df -P</c> output: blocks (or inodes with <c>-i</c>) of a mounted file system.</summary>
/// <param name="Filesystem">The device or source, e.g. <c>/dev/vda1</c>, <c>tmpfs</c>.</param>
/// <param name="Total">Size: 1024-byte blocks with <c>-k</c>, inodes with <c>-i</c>.</param>
/// <param name="Used">Used blocks or inodes.</param>
/// <param name="Available">Blocks available to unprivileged users (inodes free with <c>-i</c>).</param>
/// <param name="MountPoint">Where it is mounted; may contain spaces.</param>
public sealed record DiskFreeEntry(string Filesystem, long Total, long Used, long Available, string MountPoint)
{
    private const string Source = "df -P";

    /// <summary>Parses GNU coreutils or BusyBox <c>df -P</c> output (header line first).</summary>
    /// <exception cref="FormatException">Empty text, or a line whose numbers do not parse.</exception>
    public static IReadOnlyList<DiskFreeEntry> Parse(string text)
    {
        ParseText.RequireText(text, Source);
        var result = new List<DiskFreeEntry>();
        foreach (var line in ParseText.Lines(text).Skip(1))
        {
            var f = ParseText.Fields(line);
            if (f.Length < 6)
            {
                throw new FormatException($"{Source}: expected 6 columns, got {f.Length}: '{ParseText.Clip(line)}'.");
            }

            // The mount point is everything after the capacity column, so it may contain spaces.
            var capacity = Array.FindIndex(f, 1, s => s.EndsWith('%') || s == "-");
            if (capacity < 4)
            {
                throw new FormatException($"{Source}: no capacity column in '{ParseText.Clip(line)}'.");
            }

            var mount = ParseText.Rest(line, capacity + 1);
            result.Add(new DiskFreeEntry(
                string.Join(' ', f[..(capacity - 3)]),
                ParseText.Long(f[capacity - 3], Source, "total"),
                ParseText.Long(f[capacity - 2], Source, "used"),
                ParseText.Long(f[capacity - 1], Source, "available"),
                mount));
        }

        return result;
    }
}
