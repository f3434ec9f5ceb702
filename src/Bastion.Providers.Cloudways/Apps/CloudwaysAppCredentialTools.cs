using System.ComponentModel;
using System.ComponentModel.DataAnnotations;
using Bastion.Core.Policy;
using Bastion.Tools;
using Bastion.Providers.Cloudways.Api;
using ModelContextProtocol.Server;

namespace Bastion.Providers.Cloudways.Apps;

/// <summary>
/// The one Cloudways tool whose purpose is to hand out secrets: an app's SFTP/SSH passwords. It needs the
/// <c>secrets:read</c> scope (no mode grants it by default), is marked with the <c>bastion/returns-secrets</c> meta key,
/// and is audited by the call pipeline like every call (arguments only: the audit log never holds the passwords).
/// </summary>
[McpServerToolType]
[Toolset("cloudways", Scopes.SecretsRead)]
internal sealed class CloudwaysAppCredentialTools(CloudwaysClient client)
{
    [McpServerTool(Name = "cloudways_app_credentials", Title = "Cloudways app credentials (returns passwords)", ReadOnly = true, Destructive = false, Idempotent = true, OpenWorld = true, UseStructuredContent = true)]
    [McpMeta(ToolMeta.ReturnsSecrets, true)]
    [Description("RETURNS LIVE PASSWORDS of an app's SFTP/SSH logins. Only when the user asks; never repeat them.")]
    public async Task<AppCredentialList> CredentialsAsync(
        [Description("Server id of the app.")][Range(1, long.MaxValue)] long server_id,
        [Description("Cloudways app id.")][Range(1, long.MaxValue)] long app_id,
        CancellationToken cancellationToken = default)
    {
        var answer = await client.GetAsync("/app/creds", cancellationToken, CloudwaysClient.Field("server_id", server_id), CloudwaysClient.Field("app_id", app_id));
        return new AppCredentialList(
            server_id,
            app_id,
            [.. LenientJson.Values(answer.Field("app_creds")).Select(AppCredential.From)],
            "Live SFTP/SSH credentials of this app. Share them only with the person who asked; change them in Cloudways if they leak.");
    }
}
