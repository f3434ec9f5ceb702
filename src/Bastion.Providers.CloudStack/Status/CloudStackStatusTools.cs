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
    [Description("Check Bastion's connection to CloudStack: whether credentials are stored, how calls authenticate (api_key or session), whether a call (listZones) succeeds and how long it took, and whether VMs are mapped to SSH hosts. Never shows a key, password or session. Use it first when other cloudstack_* tools fail, or to learn which vault values to set.")]
    public Task<CloudStackStatus> StatusAsync(CancellationToken cancellationToken = default) => check.CheckAsync(cancellationToken);
}
