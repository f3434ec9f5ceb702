using Bastion.Core.Audit;

namespace Bastion.Mcp.Pipeline;

/// <summary>The audit entry of a call as far as it went: who, which tool, the redacted arguments, the hosts, the decision.</summary>
internal static class AuditRecords
{
    /// <summary>An entry of <paramref name="phase"/> (call, intent or outcome) for <paramref name="call"/>, without outcome or duration.</summary>
    public static AuditRecord Of(ToolCall call, string phase) => new(
        phase,
        call.Principal.Name,
        call.Principal.Tenant,
        call.Request.Server.SessionId,
        call.Name,
        call.RecordedArguments,
        [.. call.Targets.Select(h => h.Name)],
        call.Decision,
        call.Reason,
        null,
        null,
        null);
}
