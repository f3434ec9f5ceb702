using System.ComponentModel;
using System.ComponentModel.DataAnnotations;
using System.Diagnostics.CodeAnalysis;
using Bastion.Core.Policy;
using Bastion.Tools;
using Bastion.Providers.Cloudways.Changes;
using ModelContextProtocol;
using ModelContextProtocol.Server;

namespace Bastion.Providers.Cloudways.Whitelist;

/// <summary>Changing a server's IP whitelists (destructive: a removed IP loses access; the pipeline asks first).</summary>
[McpServerToolType]
[Toolset("cloudways", Scopes.PlatformManage)]
internal sealed class CloudwaysWhitelistChangeTools(CloudwaysWhitelists whitelists)
{
    [UnconditionalSuppressMessage("Trimming", "IL2026:RequiresUnreferencedCode", Justification = "[MaxLength] gives the array parameter its maxItems; the value is a string[], which MaxLengthAttribute counts through ICollection, never through reflection.")]
    [McpServerTool(Name = "cloudways_whitelist_change", Title = "Change a Cloudways IP whitelist", ReadOnly = false, Destructive = true, Idempotent = true, OpenWorld = true, UseStructuredContent = true)]
    [Description("Add or remove IPs on a server's SSH/SFTP or MySQL whitelist; returns the list.")]
    public Task<ChangeResult> ChangeAsync(
        [Description("Cloudways server id.")][Range(1, long.MaxValue)] long server_id,
        [Description("add or remove.")] WhitelistAction action,
        [Description("IP addresses.")][MaxLength(50)] string[] ips,
        [Description("sftp or mysql.")] WhitelistKind list = WhitelistKind.Sftp,
        IProgress<ProgressNotificationValue>? progress = null,
        CancellationToken cancellationToken = default) =>
        whitelists.ChangeAsync(server_id, list, action, ips, progress.AsSteps(), cancellationToken);
}
