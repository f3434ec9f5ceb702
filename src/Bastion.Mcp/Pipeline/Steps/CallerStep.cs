using Bastion.Core.Policy;
using Bastion.Mcp.Security;

namespace Bastion.Mcp.Pipeline.Steps;

/// <summary>Who calls: the principal an authenticating transport put on the message, else the local user.</summary>
internal sealed class CallerStep(BastionOptions options) : ICallStep
{
    private readonly Principal _local = options.LocalPrincipal();

    /// <summary>The principal of <paramref name="request"/>.</summary>
    public Principal Of(ModelContextProtocol.Server.MessageContext request) => Caller.Of(request) ?? _local;

    public ValueTask RunAsync(ToolCall call, CancellationToken cancellationToken)
    {
        call.Principal = Of(call.Request);
        return ValueTask.CompletedTask;
    }
}
