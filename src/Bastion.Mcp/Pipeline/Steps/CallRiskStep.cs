using Bastion.Core;
using Bastion.Core.Policy;
using Bastion.Core.Secrets;
using Bastion.Tools;

namespace Bastion.Mcp.Pipeline.Steps;

/// <summary>
/// For a tool marked with a <see cref="CallRiskAttribute"/>: asks it whether this call reads or changes. A read needs no
/// confirmation (nor does a call that the attribute passes on a tool whose every call changes something, which read-only
/// mode does not serve at all); a change does (and is refused in read-only mode), with the attribute's words as the plan's
/// action and risk. A refusal from the attribute refuses the call before anyone is asked (so a call with arguments the tool would refuse
/// never asks for confirmation). Other tools pass untouched.
/// </summary>
internal sealed class CallRiskStep(IServiceProvider fallback, Redactor redactor) : ICallStep
{
    public async ValueTask RunAsync(ToolCall call, CancellationToken cancellationToken)
    {
        if (call.Tool.Metadata.OfType<CallRiskAttribute>().FirstOrDefault() is not { } assessor)
        {
            return;
        }

        CallChange? change;
        try
        {
            change = await assessor.AssessAsync(call.Request.Services ?? fallback, call.Arguments, cancellationToken);
        }
        catch (BastionException e)
        {
            call.Refuse(redactor.Redact(e.Message));
            return;
        }

        if (change is null)
        {
            (call.NeedsConfirmation, call.Risk) = (false, assessor.UnconfirmedReason);
            return;
        }

        if (call.Principal.Mode == Mode.ReadOnly)
        {
            call.Refuse($"Refused: {redactor.Redact(change.Action ?? $"call {call.Name}")} changes things, and Bastion runs in read-only mode; only reads are served. Start it with --mode operator to make changes (each then asks for confirmation).");
            return;
        }

        call.NeedsConfirmation = true;
        (call.Action, call.Risk) = (change.Action is null ? call.Action : redactor.Redact(change.Action), change.Risk is null ? call.Risk : redactor.Redact(change.Risk));
    }
}
