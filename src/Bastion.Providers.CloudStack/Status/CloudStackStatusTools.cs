using System.ComponentModel;
using Bastion.Core.Policy;
using Bastion.Tools;
using ModelContextProtocol.Server;

namespace Bastion.Providers.CloudStack.Status;

/// <summary>Whether Bastion reaches CloudStack with the stored credentials (scope <c>platform:read</c>).</summary>
[McpServerToolType]
[Toolset("cloudstack", Scopes.PlatformRead)]
internal sealed class CloudStackStatusTools(CloudStackStatusCheck check)
{
    [McpServerTool(Name = "cloudstack_status", Title = "CloudStack connection status", ReadOnly = true, Destructive = false, Idempotent = true, OpenWorld = true, UseStructuredContent = true)]
    [Description("Check the CloudStack connection: credentials stored (never shown), auth mode (api_key or session), whether listZones answers and how fast, and whether VMs map to SSH hosts. Use it first when cloudstack_* tools fail.")]
    public Task<CloudStackStatus> StatusAsync(CancellationToken cancellationToken = default) => check.CheckAsync(cancellationToken);
}
