using System.ComponentModel;
using System.ComponentModel.DataAnnotations;
using Bastion.Core.Policy;
using Bastion.Tools;
using ModelContextProtocol.Server;

namespace Bastion.Providers.WebOps.Logs;

/// <summary>A deployment's log, by level and time range.</summary>
[McpServerToolType]
[Toolset("webops", Scopes.PlatformRead)]
internal sealed class WebOpsLogsTools(WebOpsLogs logs)
{
    [McpServerTool(Name = "webops_deployment_logs", Title = "WebOps deployment logs", ReadOnly = true, Destructive = false, Idempotent = true, OpenWorld = true, UseStructuredContent = true)]
    [Description("Read a WebOps deployment's log: WebOps's own record of what it did with the app (clone, build, start, stop, restart, errors), each entry with time and level. Filter by level (info, warning, error, success), by time range (since/until, UTC ISO-8601) and by text; returns the newest matching entries, oldest first. WebOps's API serves only this log, not the app's own stdout or web access log; for those, read the files on the WebOps server with logs_tail if it is in Bastion's inventory. Source: WebOps GET /api/deployments/{name}/logs/.")]
    public Task<LogList> LogsAsync(
        [Description("The deployment's name (see webops_deployments_list).")][StringLength(100)] string name,
        [Description("Only entries of this level (the log's type). Omit for all.")] DeploymentLogLevel? level = null,
        [Description("Only entries at or after this time, UTC ISO-8601, e.g. 2025-11-08T10:00:00Z.")] DateTimeOffset? since = null,
        [Description("Only entries before this time, UTC ISO-8601.")] DateTimeOffset? until = null,
        [Description("Only entries whose message contains this text (case-insensitive).")][StringLength(200)] string? contains = null,
        [Description("How many of the newest matching entries (1-1000).")][Range(1, 1000)] int lines = 100,
        CancellationToken cancellationToken = default) =>
        logs.ReadAsync(name, level, since, until, contains, lines, cancellationToken);
}
