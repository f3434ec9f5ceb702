using System.ComponentModel;
using System.Text.Json;
using Bastion.Core.Policy;
using Bastion.Mcp.Catalog;
using Bastion.Mcp.Security;
using ModelContextProtocol.Protocol;
using ModelContextProtocol.Server;

namespace Bastion.Mcp.Tools;

/// <summary>What the caller is allowed, and how much of its request budget is left.</summary>
[McpServerToolType]
[Toolset("access", Scopes.HostsRead)]
public sealed class AccessTools(BastionOptions options, IRateBudget budget)
{
    [McpServerTool(Name = "access_status", Title = "Caller's access and rate budget", ReadOnly = true, Destructive = false, Idempotent = false, OpenWorld = false, UseStructuredContent = true)]
    [Description("Who the caller is (principal, tenant, scopes, mode) and its rate-limit budget: requests left for caller and tenant, bucket sizes, refill window. Use it after a 429 / 'rate limit exceeded'. null rate_limit over stdio.")]
    public AccessStatus Status(RequestContext<CallToolRequestParams> request)
    {
        var principal = Caller.Of(request) ?? options.LocalPrincipal();
        return new AccessStatus(
            principal.Name,
            principal.Tenant,
            principal.Scopes.Order(StringComparer.Ordinal).ToList(),
            JsonNamingPolicy.KebabCaseLower.ConvertName(principal.Mode.ToString()),
            budget.For(principal));
    }
}
