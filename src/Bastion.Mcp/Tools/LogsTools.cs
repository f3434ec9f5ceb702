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
public sealed class LogsTools(FanOutRunner fanOut, LogReader reader)
{
    [McpServerTool(Name = "logs_tail", Title = "Tail a log", ReadOnly = true, Destructive = false, Idempotent = true, OpenWorld = false, UseStructuredContent = true)]
    [Description("Read the last lines of the systemd journal (optionally of one unit) or of a log file under /var/log, optionally only lines matching a pattern; filtering happens on each host. Without path and without systemd it reads /var/log/syslog or /var/log/messages. Returns the lines oldest first and whether older ones were left out.")]
    [SuppressMessage("Naming", "CA1707", Justification = "Tool parameters are snake_case, like every field Bastion returns.")]
    public Task<FanOutResult<LogTail>> TailAsync(
        [Description(ToolText.Target)][MaxLength(1000)] string target = "local",
        [Description("Absolute path of a log file under /var/log, e.g. /var/log/nginx/error.log. Omit to read the journal.")][MaxLength(4096)] string? path = null,
        [Description("Journal only: the systemd unit to read, e.g. nginx.service.")][MaxLength(256)] string? unit = null,
        [Description("Only lines matching this regular expression: POSIX extended (grep -E) for files, PCRE2 (journalctl -g) for the journal.")][MaxLength(1000)] string? pattern = null,
        [Description("Match pattern regardless of case.")] bool ignore_case = false,
        [Description("How many of the last (matching) lines per host (1-1000).")][Range(1, 1000)] int limit = 100,
        IProgress<ProgressNotificationValue>? progress = null,
        CancellationToken cancellationToken = default)
    {
        var query = new LogQuery(path, unit, pattern, ignore_case, limit);
        reader.Validate(query);
        return fanOut.RunAsync(target, (runner, ct) => reader.TailAsync(runner, query, ct), McpProgress.ForHosts(progress), cancellationToken);
    }
}
