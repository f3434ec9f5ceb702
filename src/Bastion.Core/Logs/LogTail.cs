using System.ComponentModel;

namespace Bastion.Core.Logs;

/// <summary>The last lines of a log.</summary>
public sealed record LogTail(
    [property: Description("Inventory name of the host.")] string Host,
    [property: Description("What was read: 'journal' (systemd journal) or the log file's resolved path.")] string Source,
    [property: Description("The lines, oldest first; lines longer than 2000 characters are cut with a marker.")] IReadOnlyList<string> Lines,
    [property: Description("True when older (matching) lines exist beyond the ones returned.")] bool Truncated,
    [property: Description("What was left out or chosen instead, in words; null when nothing was.")] string? Note);
