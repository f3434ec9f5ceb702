using System.Text.Json;

namespace Bastion.Core.Audit;

/// <summary>
/// What the caller records about one tool call: who asked for what, what was decided and, after the fact, how it
/// went. <see cref="AuditLog.AppendAsync"/> adds the sequence number, the time and the hash chain.
/// </summary>
/// <param name="Phase"><c>call</c> for a tool call recorded once; <c>intent</c> before a destructive call runs and <c>outcome</c> after it.</param>
/// <param name="Principal">Who made the call.</param>
/// <param name="Tenant">The tenant the principal acted for, if any.</param>
/// <param name="Session">The MCP session, if known.</param>
/// <param name="Tool">The tool's name.</param>
/// <param name="Arguments">The call's arguments, already redacted by the caller.</param>
/// <param name="Targets">The hosts (or other objects) the call acts on.</param>
/// <param name="Decision"><c>allowed</c>, <c>refused</c>, <c>confirmation_required</c>, <c>confirmed</c>, <c>declined</c> or <c>dry_run</c>.</param>
/// <param name="Reason">Why it was refused, or other context for the decision.</param>
/// <param name="Outcome"><c>ok</c>, <c>error</c> or <c>partial</c>; null for intent entries.</param>
/// <param name="ExitCodes">Exit code per host, for commands.</param>
/// <param name="DurationMs">How long the call took, in milliseconds.</param>
public sealed record AuditRecord(
    string Phase,
    string Principal,
    string? Tenant,
    string? Session,
    string Tool,
    JsonElement? Arguments,
    IReadOnlyList<string> Targets,
    string Decision,
    string? Reason,
    string? Outcome,
    IReadOnlyDictionary<string, int>? ExitCodes,
    double? DurationMs);
