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
    [Description("Check the Cloudways connection: which credentials are configured (never shown), which API it calls, whether a light call (GET /providers) succeeds and how long it takes, and the state of the access token (valid, expired, failing, revoked; seconds to expiry). Use it first when other cloudways_ tools fail, or to confirm setup.")]
    public Task<CloudwaysStatus> StatusAsync(CancellationToken cancellationToken = default) => check.CheckAsync(cancellationToken);
}
