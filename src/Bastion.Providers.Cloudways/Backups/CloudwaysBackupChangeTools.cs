using System.ComponentModel;
using System.ComponentModel.DataAnnotations;
using Bastion.Core.Policy;
using Bastion.Tools;
using Bastion.Providers.Cloudways.Changes;
using ModelContextProtocol;
using ModelContextProtocol.Server;

namespace Bastion.Providers.Cloudways.Backups;

/// <summary>Taking and restoring backups (destructive: a restore replaces the app; the pipeline asks first).</summary>
[McpServerToolType]
[Toolset("cloudways", Scopes.PlatformManage)]
internal sealed class CloudwaysBackupChangeTools(CloudwaysBackups backups)
{
    [McpServerTool(Name = "cloudways_backup_change", Title = "Cloudways backup, restore, rollback", ReadOnly = false, Destructive = true, Idempotent = false, OpenWorld = true, UseStructuredContent = true)]
    [Description("Take a backup (server, or app with app_id), restore an app from a backup time, or roll back its last restore. Waits for the operation.")]
    public Task<ChangeResult> ChangeAsync(
        [Description("Cloudways server id.")][Range(1, long.MaxValue)] long server_id,
        [Description("take, restore or rollback.")] BackupAction action,
        [Description("App id (restore and rollback need it; take backs up the server without it).")][Range(1, long.MaxValue)] long? app_id = null,
        [Description("restore only: the backup point, as cloudways_backups lists it.")][StringLength(40)] string? time = null,
        [Description("False returns the operation id at once.")] bool wait = true,
        IProgress<ProgressNotificationValue>? progress = null,
        CancellationToken cancellationToken = default) =>
        backups.ChangeAsync(server_id, app_id, action, time, wait, progress.AsSteps(), cancellationToken);
}
