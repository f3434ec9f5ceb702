using Bastion.Mcp.Security;

namespace Bastion.Mcp.Pipeline.Steps;

/// <summary>The tool must be one the principal sees: toolset and tool filters, configured platform, mode, scope.</summary>
internal sealed class AccessStep(ToolAccess access) : ICallStep
{
    public ValueTask RunAsync(ToolCall call, CancellationToken cancellationToken)
    {
        if (access.Refusal(call.Principal, call.Tool) is { } hidden)
        {
            call.Refuse(hidden);
        }

        return ValueTask.CompletedTask;
    }
}
