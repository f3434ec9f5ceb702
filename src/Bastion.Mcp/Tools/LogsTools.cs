using System.ComponentModel;
using System.ComponentModel.DataAnnotations;
using System.Diagnostics.CodeAnalysis;
using Bastion.Core.FanOut;
using Bastion.Core.Logs;
using ModelContextProtocol;
using Bastion.Core.Policy;
using Bastion.Mcp.Catalog;
using ModelContextProtocol.Server;

namespace Bastion.Mcp.Tools;

/// <summary>Logs of hosts.</summary>
[McpServerToolType]
[Toolset("logs", Scopes.LogsRead)]
public sealed class LogsTools(FanOutRunner fanOut, LogReader reader, TimeProvider clock)
{
    [McpServerTool(Name = "logs_tail", Title = "Tail a log", ReadOnly = true, Destructive = false, Idempotent = true, OpenWorld = false, UseStructuredContent = true)]
    [Description("Last lines of the systemd journal (or one unit) or of a file under /var/log, optionally only those matching a pattern in a time window. Oldest first.")]
    [SuppressMessage("Naming", "CA1707", Justification = "Tool parameters are snake_case, like every field Bastion returns.")]
    public Task<FanOutResult<LogTail>> TailAsync(
        [Description(ToolText.Target)][StringLength(1000)] string target = "local",
        [Description("A log file under /var/log, e.g. /var/log/nginx/error.log; omit for the journal.")][StringLength(4096)] string? path = null,
        [Description("Journal only: the systemd unit to read, e.g. nginx.service.")][StringLength(256)] string? unit = null,
        [Description("Only lines matching this regex (grep -E for files, PCRE2 for the journal).")][StringLength(1000)] string? pattern = null,
        [Description("Case-insensitive pattern.")] bool ignore_case = false,
        [Description("Last (matching) lines per host.")][Range(1, 1000)] int limit = 100,
        [Description(Since)][StringLength(40)] string? since = null,
        [Description(Until)][StringLength(40)] string? until = null,
        CallTargets? call = null,
        IProgress<ProgressNotificationValue>? progress = null,
        CancellationToken cancellationToken = default)
    {
        var query = new LogQuery(path, unit, pattern, ignore_case, limit, TimeWindow.Parse(since, until, clock.GetUtcNow()));
        reader.Validate(query);
        return fanOut.RunAsync(call, target, (runner, ct) => reader.TailAsync(runner, query, ct), McpProgress.ForHosts(progress), cancellationToken);
    }

    [McpServerTool(Name = "logs_search", Title = "Search logs over a time window", ReadOnly = true, Destructive = false, Idempotent = true, OpenWorld = false, UseStructuredContent = true)]
    [Description("Count lines matching a pattern in a time window of the journal or a file under /var/log: per host the count, first and last match times, last matching lines.")]
    [SuppressMessage("Naming", "CA1707", Justification = "Tool parameters are snake_case, like every field Bastion returns.")]
    public Task<FanOutResult<LogSearch>> SearchAsync(
        [Description("Regex to count (grep -E for files, PCRE2 for the journal).")][StringLength(1000, MinimumLength = 1)] string pattern,
        [Description(ToolText.Target)][StringLength(1000)] string target = "local",
        [Description("A log file under /var/log; omit for the journal.")][StringLength(4096)] string? path = null,
        [Description("Journal only: the systemd unit to search, e.g. nginx.service.")][StringLength(256)] string? unit = null,
        [Description("Case-insensitive pattern.")] bool ignore_case = false,
        [Description(Since)][StringLength(40)] string? since = "-1h",
        [Description(Until)][StringLength(40)] string? until = null,
        [Description("Last matching lines returned per host.")][Range(0, 200)] int limit = 20,
        CallTargets? call = null,
        IProgress<ProgressNotificationValue>? progress = null,
        CancellationToken cancellationToken = default)
    {
        var query = new LogQuery(path, unit, pattern, ignore_case, limit, TimeWindow.Parse(since, until, clock.GetUtcNow()));
        reader.Validate(query);
        return fanOut.RunAsync(call, target, (runner, ct) => reader.SearchAsync(runner, query, ct), McpProgress.ForHosts(progress), cancellationToken);
    }

    private const string Since = "From this time: -30m, -24h, -7d or ISO 8601.";
    private const string Until = "Up to this time; forms as since.";
}
