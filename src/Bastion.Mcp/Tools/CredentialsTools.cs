using System.ComponentModel;
using Bastion.Core.Credentials;
using Bastion.Core.Policy;
using Bastion.Mcp.Catalog;
using ModelContextProtocol.Server;

namespace Bastion.Mcp.Tools;

/// <summary>The platform credentials Bastion holds access tokens for.</summary>
[McpServerToolType]
[Toolset("credentials", Scopes.PlatformRead)]
public sealed class CredentialsTools(TokenProviderRegistry tokens)
{
    [McpServerTool(Name = "credentials_status", Title = "Platform token status", ReadOnly = true, Destructive = false, Idempotent = true, OpenWorld = false, UseStructuredContent = true)]
    [Description("Show, for each platform credential (e.g. a Cloudways API key), where its short-lived access token stands: valid, expired, never fetched, failing or revoked, seconds until it expires, when it was last refreshed and the last error. Never shows a token or a key. Use it when platform tools fail with authentication errors.")]
    public CredentialStatusList Status() => new(tokens.Statuses());
}
