using System.ComponentModel;

namespace Bastion.Mcp.Security;

/// <summary>A caller's request budget (token buckets): its own and its tenant's.</summary>
public sealed record RateBudget(
    [property: Description("Requests the caller may still make now (tokens in its bucket).")] int PrincipalRemaining,
    [property: Description("Size of the caller's bucket: the most requests it may make in a burst.")] int PrincipalBurst,
    [property: Description("Requests the caller's tenant as a whole may still make now.")] int TenantRemaining,
    [property: Description("Size of the tenant's bucket.")] int TenantBurst,
    [property: Description("Requests added back to each bucket per refill window.")] int RefillRequests,
    [property: Description("Length of the refill window, in seconds (60 for 'per minute').")] double RefillWindowSeconds);
