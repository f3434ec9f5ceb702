using System.ComponentModel;
using System.ComponentModel.DataAnnotations;
using System.Diagnostics.CodeAnalysis;
using Bastion.Core.Policy;
using Bastion.Tools;
using Bastion.Providers.Cloudways.Changes;
using ModelContextProtocol;
using ModelContextProtocol.Server;

namespace Bastion.Providers.Cloudways.Ssl;

/// <summary>An app's SSL certificates (destructive: revoke and remove take HTTPS away; the pipeline asks first).</summary>
[McpServerToolType]
[Toolset("cloudways", Scopes.PlatformManage)]
internal sealed class CloudwaysSslTools(CloudwaysSsl ssl)
{
    [UnconditionalSuppressMessage("Trimming", "IL2026:RequiresUnreferencedCode", Justification = "[MaxLength] gives the array parameter its maxItems; the value is a string[], which MaxLengthAttribute counts through ICollection, never through reflection.")]
    [McpServerTool(Name = "cloudways_ssl", Title = "Cloudways app SSL certificates", ReadOnly = false, Destructive = true, Idempotent = false, OpenWorld = true, UseStructuredContent = true)]
    [Description("An app's certificate: le_install (email, domains), le_renew / le_revoke, le_auto_renew (enabled), custom_install (certificate, private_key), custom_remove. Waits for the operation.")]
    public Task<ChangeResult> RunAsync(
        [Description("Cloudways server id.")][Range(1, long.MaxValue)] long server_id,
        [Description("Cloudways app id.")][Range(1, long.MaxValue)] long app_id,
        [Description("le_install, le_renew, le_auto_renew, le_revoke, custom_install or custom_remove.")] SslAction action,
        [Description("Domains (le_*).")][MaxLength(20)] string[]? domains = null,
        [Description("Let's Encrypt account email (le_install).")][StringLength(254)] string? email = null,
        [Description("Wildcard certificate (le_*).")] bool wildcard = false,
        [Description("le_auto_renew: true or false.")] bool? enabled = null,
        [Description("PEM certificate (custom_install).")][StringLength(65536)] string? certificate = null,
        [Description("PEM private key (custom_install).")][StringLength(65536)] string? private_key = null,
        [Description("False returns the operation id at once.")] bool wait = true,
        IProgress<ProgressNotificationValue>? progress = null,
        CancellationToken cancellationToken = default) =>
        ssl.RunAsync(server_id, app_id, action, new SslRequest(email, domains, wildcard, enabled, certificate, private_key), wait, progress.AsSteps(), cancellationToken);
}
