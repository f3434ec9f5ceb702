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
    [Description("Check the CloudStack connection: credentials stored, auth mode, whether listZones answers and how fast, VMs mapped to SSH hosts. Use first when cloudstack_ tools fail.")]
    public Task<CloudStackStatus> StatusAsync(CancellationToken cancellationToken = default) => check.CheckAsync(cancellationToken);
}
