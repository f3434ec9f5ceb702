using System.ComponentModel;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Bastion.Core.Audit;

/// <summary>One line of the audit log: an <see cref="AuditRecord"/> with its place in the hash chain.</summary>
public sealed record AuditEntry(
    [property: JsonPropertyName("seq"), Description("Sequence number: 1, 2, ... without gaps across rotated files.")] long Seq,
    [property: JsonPropertyName("time"), Description("When the entry was written (UTC).")] DateTimeOffset Time,
    [property: JsonPropertyName("phase"), Description("call, intent (before a destructive call runs), outcome (after it), or recovery (written by the log itself).")] string Phase,
    [property: JsonPropertyName("principal"), Description("Who made the call.")] string Principal,
    [property: JsonPropertyName("tenant"), Description("The tenant the principal acted for, if any.")] string? Tenant,
    [property: JsonPropertyName("session"), Description("The MCP session, if known.")] string? Session,
    [property: JsonPropertyName("tool"), Description("The tool's name.")] string Tool,
    [property: JsonPropertyName("arguments"), Description("The call's arguments, redacted.")] JsonElement? Arguments,
    [property: JsonPropertyName("targets"), Description("The hosts the call acts on.")] IReadOnlyList<string> Targets,
    [property: JsonPropertyName("decision"), Description("allowed, refused, confirmation_required, confirmed, declined or dry_run.")] string Decision,
    [property: JsonPropertyName("reason"), Description("Why, for refusals and other decisions.")] string? Reason,
    [property: JsonPropertyName("outcome"), Description("ok, error or partial; null for intent entries.")] string? Outcome,
    [property: JsonPropertyName("exit_codes"), Description("Exit code per host, for commands.")] IReadOnlyDictionary<string, int>? ExitCodes,
    [property: JsonPropertyName("duration_ms"), Description("How long the call took, in milliseconds.")] double? DurationMs,
    [property: JsonPropertyName("prev"), Description("The hash of the entry before (64 zeros for the first entry).")] string Prev,
    [property: JsonPropertyName("hash"), Description("Hex SHA-256 of this entry's line up to the hash (see AuditLog).")] string Hash);
