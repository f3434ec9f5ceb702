using System.ComponentModel;
using Bastion.Mcp.Security;

namespace Bastion.Mcp.Tools;

/// <summary>Result of access_status.</summary>
public sealed record AccessStatus(
    [property: Description("The caller's principal name, as the audit log records it (the local user over stdio; key:<id> or oauth:<sub> over HTTP).")] string Principal,
    [property: Description("The caller's tenant; null for the local user.")] string? Tenant,
    [property: Description("The scopes the caller holds.")] IReadOnlyList<string> Scopes,
    [property: Description("The mode the caller runs under, as --mode names it: read-only, operator or admin.")] string Mode,
    [property: Description("The caller's request budget; null when requests are not rate-limited (stdio).")] RateBudget? RateLimit);
