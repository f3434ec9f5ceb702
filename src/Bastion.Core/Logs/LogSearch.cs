using System.ComponentModel;

namespace Bastion.Core.Logs;

/// <summary>One host's matches of a pattern over a window of its log.</summary>
public sealed record LogSearch(
    [property: Description("Inventory name of the host.")] string Host,
    [property: Description("What was read: 'journal' (systemd journal) or the log file's resolved path.")] string Source,
    [property: Description("Matching lines inside the window (a line without a time stamp counts with the entry before it).")] int Matches,
    [property: Description("True when the host held more matching lines than Bastion reads at once (10,000), so matches is a lower bound.")] bool MatchesAtLeast,
    [property: Description("Time stamp of the first match in the window (UTC), or null when no match has one.")] DateTimeOffset? FirstMatchAt,
    [property: Description("Time stamp of the last match in the window (UTC), or null when no match has one.")] DateTimeOffset? LastMatchAt,
    [property: Description("The last matching lines, oldest first; lines longer than 2000 characters are cut with a marker.")] IReadOnlyList<string> Lines,
    [property: Description("True when more matching lines exist in the window than are returned.")] bool Truncated,
    [property: Description("What was left out or chosen instead, in words; null when nothing was.")] string? Note);
