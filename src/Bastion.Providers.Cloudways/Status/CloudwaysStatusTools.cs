using System.ComponentModel;
using Bastion.Core.Policy;
using Bastion.Tools;
using ModelContextProtocol.Server;

namespace Bastion.Providers.Cloudways.Status;

/// <summary>Whether Bastion can talk to Cloudways, and how its token stands (read-only).</summary>
[McpServerToolType]
[Toolset("cloudways", Scopes.PlatformRead)]
internal sealed class CloudwaysStatusTools(CloudwaysStatusCheck check)
{
    [McpServerTool(Name = "cloudways_status", Title = "Cloudways connection status", ReadOnly = true, Destructive = false, Idempotent = true, OpenWorld = true, UseStructuredContent = true)]
    [Description("Cloudways connection check (credentials, API, latency, token). Use it first when cloudways_ tools fail.")]
    public Task<CloudwaysStatus> StatusAsync(CancellationToken cancellationToken = default) => check.CheckAsync(cancellationToken);
}
