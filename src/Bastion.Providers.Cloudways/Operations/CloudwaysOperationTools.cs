using System.ComponentModel;
using System.ComponentModel.DataAnnotations;
using Bastion.Core.Policy;
using Bastion.Tools;
using ModelContextProtocol.Server;

namespace Bastion.Providers.Cloudways.Operations;

/// <summary>Looking at a Cloudways operation (read-only).</summary>
[McpServerToolType]
[Toolset("cloudways", Scopes.PlatformRead)]
internal sealed class CloudwaysOperationTools(CloudwaysOperations operations)
{
    [McpServerTool(Name = "cloudways_operation_get", Title = "Cloudways operation state", ReadOnly = true, Destructive = false, Idempotent = true, OpenWorld = true, UseStructuredContent = true)]
    [Description("State of a Cloudways operation: running, completed or failed, status text, minutes left, and what it produced. For calls that returned before their operation finished.")]
    public Task<CloudwaysOperation> GetAsync(
        [Description("Operation id, as a cloudways_ tool or its error message gave it.")][StringLength(64, MinimumLength = 1)] string operation_id,
        CancellationToken cancellationToken = default) =>
        operations.GetAsync(operation_id, cancellationToken);
}
