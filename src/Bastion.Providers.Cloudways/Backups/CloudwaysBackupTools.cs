using System.ComponentModel;
using System.ComponentModel.DataAnnotations;
using Bastion.Core.Policy;
using Bastion.Tools;
using Bastion.Providers.Cloudways.Api;
using ModelContextProtocol;
using ModelContextProtocol.Server;

namespace Bastion.Providers.Cloudways.Backups;

/// <summary>Reading an app's backups (read-only).</summary>
[McpServerToolType]
[Toolset("cloudways", Scopes.PlatformRead)]
internal sealed class CloudwaysBackupTools(CloudwaysBackups backups)
{
    [McpServerTool(Name = "cloudways_backups", Title = "Cloudways app backups", ReadOnly = true, Destructive = false, Idempotent = true, OpenWorld = true, UseStructuredContent = true)]
    [Description("An app's backup points and status; the times are what cloudways_backup_change restore takes.")]
    public Task<CloudwaysData> ListAsync(
        [Description("Cloudways server id.")][Range(1, long.MaxValue)] long server_id,
        [Description("Cloudways app id.")][Range(1, long.MaxValue)] long app_id,
        [Description("Most items per list (1-500).")][Range(1, 500)] int limit = 50,
        IProgress<ProgressNotificationValue>? progress = null,
        CancellationToken cancellationToken = default) =>
        backups.ListAsync(server_id, app_id, limit, progress.AsSteps(), cancellationToken);
}
