using System.ComponentModel;
using Bastion.Core.Audit;

namespace Bastion.Mcp.Tools;

/// <summary>Result of audit_search.</summary>
public sealed record AuditSearchResult(
    [property: Description("Matching entries, newest first, at most limit.")] IReadOnlyList<AuditEntry> Entries,
    [property: Description("True when older matching entries exist.")] bool Truncated);
