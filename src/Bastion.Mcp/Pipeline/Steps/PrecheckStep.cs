using Bastion.Core;
using Bastion.Core.Secrets;

namespace Bastion.Mcp.Pipeline.Steps;

/// <summary>
/// The tool-side checks (<see cref="ICallPrecheck"/>, e.g. where a transfer's paths really resolve), after the policy
/// and before anyone is asked: a person is never asked to approve what would be refused, and sees what the call touches.
/// </summary>
internal sealed class PrecheckStep(IEnumerable<ICallPrecheck> prechecks, Redactor redactor) : ICallStep
{
    private readonly ICallPrecheck[] _prechecks = [.. prechecks];

    public async ValueTask RunAsync(ToolCall call, CancellationToken cancellationToken)
    {
        foreach (var precheck in _prechecks)
        {
            try
            {
                if (await precheck.CheckAsync(call.Tool.Metadata, call.Arguments, call.Targets, cancellationToken) is { } note)
                {
                    call.Risk = $"{call.Risk} {redactor.Redact(note)}";
                }
            }
            catch (BastionException e)
            {
                call.Refuse(e.Message);
                return;
            }
        }
    }
}
