using Bastion.Core.Policy;

namespace Bastion.Mcp.Security;

/// <summary>The budget of a server that does not rate-limit (stdio, the in-process CLI).</summary>
internal sealed class NoRateLimit : IRateBudget
{
    public RateBudget? For(Principal principal) => null;
}
