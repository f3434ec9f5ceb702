namespace Bastion.Mcp.Pipeline;

/// <summary>One named step of the call pipeline (see <see cref="ToolCallPipeline"/> for the order and why).</summary>
public interface ICallStep
{
    /// <summary>Does this step's part of <paramref name="call"/>; stops the call when it must not go on.</summary>
    ValueTask RunAsync(ToolCall call, CancellationToken cancellationToken);
}
