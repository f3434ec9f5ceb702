using System.ComponentModel;
using Bastion.Core.Policy;
using Bastion.Providers.WebOps.Logs;
using Bastion.Tools;
using ModelContextProtocol.Server;

namespace Bastion.Providers.WebOps.Deployments;

/// <summary>Reading WebOps deployments in one tool (scope <c>platform:read</c>): the list, one's record, its status now, its log.</summary>
[McpServerToolType]
[Toolset("webops", Scopes.PlatformRead)]
internal sealed class WebOpsDeploymentTools(WebOpsDeploymentReads reads)
{
    [McpServerTool(Name = "webops_deployment", Title = "Read WebOps deployments", ReadOnly = true, Destructive = false, Idempotent = true, OpenWorld = true, UseStructuredContent = true)]
    [Description("WebOps deployments: the list, or one's record, status (process, recent logs) or logs (build, start, errors).")]
    public Task<DeploymentRead> ReadAsync(
        DeploymentResource resource,
        [Description("deployment name; not list")] string? name = null,
        [Description("list")] DeploymentState? status = null,
        [Description("list")] string? name_contains = null,
        [Description("list")] DeployEnvironment? environment = null,
        [Description("logs")] DeploymentLogLevel? level = null,
        [Description("logs")] DateTimeOffset? since = null,
        [Description("logs")] DateTimeOffset? until = null,
        [Description("logs: message contains")] string? contains = null,
        [Description("list 50 (≤200), logs 100 (≤1000), status log lines 20 (0-200)")] int? limit = null,
        CancellationToken cancellationToken = default) =>
        reads.ReadAsync(new DeploymentQuery(resource, name, status, name_contains, environment, level, since, until, contains, limit), cancellationToken);
}
