using System.ComponentModel;
using System.ComponentModel.DataAnnotations;
using Bastion.Core.Audit;
using Bastion.Core.Policy;
using Bastion.Mcp.Catalog;
using ModelContextProtocol.Server;

namespace Bastion.Mcp.Tools;

/// <summary>The audit log of this Bastion.</summary>
[McpServerToolType]
[Toolset("audit", Scopes.AuditRead)]
public sealed class AuditTools(IAuditTrail log)
{
    [McpServerTool(Name = "audit_search", Title = "Search the audit log", ReadOnly = true, Destructive = false, Idempotent = true, OpenWorld = false, UseStructuredContent = true)]
    [Description("Search Bastion's audit log, newest first: time, principal, tool, redacted arguments, targets, decision and reason, outcome, exit codes, duration.")]
    public async Task<AuditSearchResult> SearchAsync(
        [Description("Only calls of this tool, e.g. commands_run.")][StringLength(100)] string? tool = null,
        [Description("Only calls by this principal.")][StringLength(200)] string? principal = null,
        [Description("Only entries with this decision: allowed, refused, confirmation_required, confirmed, declined, dry_run.")][StringLength(50)] string? decision = null,
        [Description("Only entries at or after this time, UTC ISO-8601, e.g. 2026-11-21T09:00:00Z.")] DateTimeOffset? since = null,
        [Description("Only entries whose arguments, targets or reason contain this text (case-insensitive).")][StringLength(200)] string? text = null,
        [Description("Most entries to return.")][Range(1, 500)] int limit = 50,
        CancellationToken cancellationToken = default)
    {
        var entries = await log.SearchAsync(new AuditQuery(tool, principal, decision, since, null, text, limit + 1), cancellationToken);
        return new AuditSearchResult(entries.Take(limit).ToList(), entries.Count > limit);
    }
}
