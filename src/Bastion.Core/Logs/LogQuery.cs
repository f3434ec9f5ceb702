namespace Bastion.Core.Logs;

/// <summary>What to read from a host's logs.</summary>
/// <param name="Path">A log file under the allowed roots; null: the systemd journal (or, without one, /var/log/syslog or /var/log/messages).</param>
/// <param name="Unit">Journal only: the systemd unit whose entries to read, e.g. nginx.service.</param>
/// <param name="Pattern">Only lines matching this regular expression (files: POSIX ERE as grep -E; journal: PCRE2 as journalctl -g).</param>
/// <param name="IgnoreCase">Match the pattern without regard to case.</param>
/// <param name="Limit">The last this-many (matching) lines.</param>
/// <param name="Window">Only lines whose time stamp (or the stamp of the entry they continue) lies in this window; null: any time.</param>
public sealed record LogQuery(string? Path, string? Unit, string? Pattern, bool IgnoreCase, int Limit, TimeWindow? Window = null);
