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
    [Description("The state of a Cloudways operation (GET /operation/{id}): running, completed or failed, Cloudways' status text and message, estimated minutes left, and what it produced. Use it when a start/stop/restart or a disk-usage call returned before its operation finished.")]
    public Task<CloudwaysOperation> GetAsync(
        [Description("Operation id, as a cloudways_ tool or its error message gave it.")][StringLength(64, MinimumLength = 1)] string operation_id,
        CancellationToken cancellationToken = default) =>
        operations.GetAsync(operation_id, cancellationToken);
}
