using System.Diagnostics;
using Bastion.Core.Telemetry;

namespace Bastion.Mcp.Pipeline;

/// <summary>Counts a call in <c>bastion.tool.*</c> and tags its <c>tool {name}</c> span.</summary>
internal static class CallMetrics
{
    /// <summary>
    /// Records <paramref name="outcome"/>: ok, partial or error when the tool ran, otherwise the decision that stopped it
    /// (refused, declined, dry_run, confirmation_required). Tenant and principal stay out: see BastionTelemetry.
    /// </summary>
    public static void Observe(ToolCall call, string outcome)
    {
        BastionTelemetry.RecordToolCall(call.Name, outcome, call.Stopwatch.Elapsed.TotalSeconds);
        if (Activity.Current is { } span && span.Source == BastionTelemetry.ActivitySource)
        {
            span.SetTag("bastion.outcome", outcome).SetTag("bastion.targets", call.Targets.Count);
            if (outcome == "error")
            {
                span.SetStatus(ActivityStatusCode.Error);
            }
        }
    }
}
