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
    [Description("Show who the caller is to Bastion (principal, tenant, scopes, mode) and its rate-limit budget: requests left now for the caller and its tenant, bucket sizes, and the refill window. Use it before a long run of calls, or after an HTTP 429 / 'rate limit exceeded' error, to know how long to wait. Over stdio there is no rate limit and rate_limit is null.")]
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
