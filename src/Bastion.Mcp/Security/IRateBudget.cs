using Bastion.Core.Policy;

namespace Bastion.Mcp.Security;

/// <summary>What is left of a principal's request budget. The HTTP server provides it; stdio has no rate limit.</summary>
public interface IRateBudget
{
    /// <summary>The budget of <paramref name="principal"/> and its tenant now; null when requests are not rate-limited.</summary>
    RateBudget? For(Principal principal);
}
