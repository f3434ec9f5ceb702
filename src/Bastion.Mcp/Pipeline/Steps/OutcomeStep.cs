using Bastion.Core.Audit;
using Bastion.Core.FanOut;
using Bastion.Core.Secrets;
using Microsoft.Extensions.Logging;
using ModelContextProtocol.Protocol;

namespace Bastion.Mcp.Pipeline.Steps;

/// <summary>
/// Records what happened to every call, whichever step ended it: the audit entry, the <c>bastion.tool.*</c> metrics
/// and the span. A refusal answers with its reason, redacted. A call that ran is recorded with its outcome, read as
/// values from the tool's typed result (<see cref="IFanOutOutcome"/>: ok, partial when some hosts did not answer, the
/// exit codes), and its entry is on disk before the result leaves: a result that cannot be recorded is withheld.
/// </summary>
internal sealed class OutcomeStep(IAuditTrail audit, Redactor redactor, ILogger<ToolCallPipeline> logger) : ICallStep
{
    public async ValueTask RunAsync(ToolCall call, CancellationToken cancellationToken)
    {
        if (!call.Ran)
        {
            await RecordStopAsync(call, cancellationToken);
            return;
        }

        var confirmed = call.Decision == "confirmed";
        var outcome = call.Handoff?.Outcome;
        var name = call.Result?.IsError == true ? "error" : outcome is { } o && o.OkCount < o.TargetCount ? "partial" : "ok";
        var record = AuditRecords.Of(call, confirmed ? "outcome" : "call") with
        {
            Reason = confirmed ? call.Risk : null,
            Outcome = name,
            ExitCodes = outcome?.ExitCodes,
        };
        CallMetrics.Observe(call, name);
        try
        {
            await audit.AppendAsync(record with { DurationMs = Math.Round(call.Stopwatch.Elapsed.TotalMilliseconds, 1) }, CancellationToken.None);
        }
        catch (AuditUnavailableException e)
        {
            PipelineLog.AuditFailure(logger, call.Name, e.Message);
            call.Result = ToolCall.Error($"The audit log cannot be written ({e.Message}); the result is withheld, because Bastion returns nothing it cannot record. The tool ran{(confirmed ? " (its intent was recorded)" : string.Empty)}.");
            return;
        }

        if (call.Result?.IsError == true)
        {
            var message = string.Join(" ", call.Result.Content.OfType<TextContentBlock>().Select(c => c.Text));
            PipelineLog.ToolError(logger, call.Name, message);
        }
    }

    private async Task RecordStopAsync(ToolCall call, CancellationToken cancellationToken)
    {
        var record = AuditRecords.Of(call, "call");
        if (call.Refused)
        {
            var safe = redactor.Redact(call.Reason ?? string.Empty);
            call.Result = ToolCall.Error(safe);
            record = record with { Reason = safe };
        }

        CallMetrics.Observe(call, call.Decision);
        if (call.Recordable)
        {
            try
            {
                await audit.AppendAsync(record with { DurationMs = Math.Round(call.Stopwatch.Elapsed.TotalMilliseconds, 1) }, cancellationToken);
            }
            catch (AuditUnavailableException e)
            {
                PipelineLog.AuditFailure(logger, call.Name, e.Message);
            }
        }

        if (call.Refused)
        {
            PipelineLog.Refused(logger, call.Name, record.Reason ?? string.Empty);
        }
    }
}
