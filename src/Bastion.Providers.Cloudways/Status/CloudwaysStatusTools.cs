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
    [Description("Check the Cloudways connection: credentials configured (never shown), API address, whether GET /providers answers and how fast, and the access token's state and seconds to expiry. Use it first when cloudways_ tools fail.")]
    public Task<CloudwaysStatus> StatusAsync(CancellationToken cancellationToken = default) => check.CheckAsync(cancellationToken);
}
