using System.ComponentModel;
using Bastion.Core.Policy;
using Bastion.Tools;
using ModelContextProtocol.Server;

namespace Bastion.Providers.WebOps.Status;

/// <summary>The WebOps server as a whole (scope <c>platform:read</c>): its health, the connection to it, its security figures.</summary>
[McpServerToolType]
[Toolset("webops", Scopes.PlatformRead)]
internal sealed class WebOpsStatusTools(WebOpsServerStatus status)
{
    [McpServerTool(Name = "webops_status", Title = "WebOps server status", ReadOnly = true, Destructive = false, Idempotent = true, OpenWorld = true, UseStructuredContent = true)]
    [Description("The WebOps server: health (default), connection check (use when webops_ tools fail) or security figures.")]
    public Task<WebOpsStatusResult> StatusAsync(
        WebOpsStatusResource resource = WebOpsStatusResource.Health,
        [Description("health: check each app (default true)")] bool? include_deployments = null,
        [Description("health: hours of history, 0-168 (default 1)")] int? history_hours = null,
        CancellationToken cancellationToken = default) =>
        status.ReadAsync(resource, include_deployments, history_hours, cancellationToken);
}
