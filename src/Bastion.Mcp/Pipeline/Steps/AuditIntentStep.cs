using Bastion.Core.Audit;
using Microsoft.Extensions.Logging;

namespace Bastion.Mcp.Pipeline.Steps;

/// <summary>
/// Nothing runs that the audit log cannot record: a confirmed call writes its intent entry (who confirmed what, where,
/// and why it was asked) before it runs; any other call checks that the log is writable. When it is not, the call is
/// refused and counted, and no entry is attempted.
/// </summary>
internal sealed class AuditIntentStep(IAuditTrail audit, ILogger<ToolCallPipeline> logger) : ICallStep
{
    public async ValueTask RunAsync(ToolCall call, CancellationToken cancellationToken)
    {
        try
        {
            if (call.Decision == "confirmed")
            {
                await audit.AppendAsync(AuditRecords.Of(call, "intent") with { Reason = call.Risk }, cancellationToken);
            }
            else
            {
                await audit.EnsureWritableAsync(cancellationToken);
            }
        }
        catch (AuditUnavailableException e)
        {
            PipelineLog.AuditFailure(logger, call.Name, e.Message);
            var what = call.Decision == "confirmed" ? "does not change anything" : "runs nothing";
            call.Stop(
                ToolCall.Error($"Refused: the audit log cannot be written ({e.Message}), and Bastion {what} it cannot record. Nothing ran."),
                "refused",
                null,
                recordable: false);
        }
    }
}
