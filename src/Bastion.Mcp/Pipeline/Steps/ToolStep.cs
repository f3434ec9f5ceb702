using Bastion.Core;
using Bastion.Core.Inventory;
using ModelContextProtocol.Protocol;

namespace Bastion.Mcp.Pipeline.Steps;

/// <summary>
/// Runs the tool with the checked arguments (without the pipeline's own). A domain error becomes a tool error the model
/// can read; any other exception is a fault of the machinery (or cancellation): counted, and passed on. A tool that may
/// change things marks the platforms' host lists stale, since a deploy or a destroy changes them.
/// </summary>
internal sealed class ToolStep(IInventory inventory) : ICallStep
{
    public async ValueTask RunAsync(ToolCall call, CancellationToken cancellationToken)
    {
        call.Request.Params!.Arguments = call.Arguments;
        CallToolResult result;
        try
        {
            result = await call.Next(call.Request, cancellationToken);
        }
        catch (BastionException e)
        {
            result = ToolCall.Error(e.Message);
        }
        catch (Exception)
        {
            CallMetrics.Observe(call, "error");
            throw;
        }

        (call.Ran, call.Result) = (true, result);
        if (call.Tool.ProtocolTool.Annotations?.ReadOnlyHint != true)
        {
            inventory.Invalidate();
        }
    }
}
