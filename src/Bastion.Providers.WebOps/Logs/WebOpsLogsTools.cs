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
    [Description("WebOps's own log of an app (clone, build, start, stop, errors), by level, time range and text; newest matching entries, oldest first. Not the app's stdout: read those files with logs_tail if the server is in the inventory. Source: WebOps GET /api/deployments/{name}/logs/.")]
    public Task<LogList> LogsAsync(
        [Description("Deployment name.")][StringLength(100)] string name,
        [Description("Only entries of this level (the log's type).")] DeploymentLogLevel? level = null,
        [Description("Only entries at or after this time, UTC ISO-8601, e.g. 2025-11-08T10:00:00Z.")] DateTimeOffset? since = null,
        [Description("Only entries before this time, UTC ISO-8601.")] DateTimeOffset? until = null,
        [Description("Only entries whose message contains this text (case-insensitive).")][StringLength(200)] string? contains = null,
        [Description("How many of the newest matching entries.")][Range(1, 1000)] int lines = 100,
        CancellationToken cancellationToken = default) =>
        logs.ReadAsync(name, level, since, until, contains, lines, cancellationToken);
}
