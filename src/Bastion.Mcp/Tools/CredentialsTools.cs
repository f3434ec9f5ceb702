using System.ComponentModel;
using Bastion.Core.Credentials;
using Bastion.Core.Policy;
using Bastion.Mcp.Catalog;
using ModelContextProtocol.Server;

namespace Bastion.Mcp.Tools;

/// <summary>
/// The platform credentials Bastion holds access tokens for, as the caller's tenant has them: each tenant has its own
/// registry (its own service container), and a platform whose credentials are not in the caller's vault namespace is
/// left out, so a tenant never learns which platforms the server or another tenant uses.
/// </summary>
[McpServerToolType]
[Toolset("credentials", Scopes.PlatformRead)]
public sealed class CredentialsTools(TokenProviderRegistry tokens, IEnumerable<ToolsetAvailability> platforms)
{
    [McpServerTool(Name = "credentials_status", Title = "Platform token status", ReadOnly = true, Destructive = false, Idempotent = true, OpenWorld = false, UseStructuredContent = true)]
    [Description("Where each platform credential's short-lived access token stands: valid, expired, never fetched, failing or revoked, seconds to expiry, last refresh and last error. Never shows a secret. Use it when platform tools fail to authenticate.")]
    public CredentialStatusList Status()
    {
        // A credential named 'cloudways' or 'webops/token' belongs to the platform before the first '/'; it is shown
        // only while that platform is configured in the caller's own vault namespace.
        var configured = platforms.ToLookup(p => p.Toolset, StringComparer.Ordinal);
        return new(tokens.Statuses().Where(s => configured[s.Name.Split('/')[0]] is var owners && (!owners.Any() || owners.Any(p => p.IsConfigured()))).ToList());
    }
}
