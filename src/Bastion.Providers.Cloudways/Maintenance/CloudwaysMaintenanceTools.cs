using System.ComponentModel;
using System.ComponentModel.DataAnnotations;
using System.Diagnostics.CodeAnalysis;
using Bastion.Core;
using Bastion.Core.Policy;
using Bastion.Tools;
using Bastion.Providers.Cloudways.Api;
using Bastion.Providers.Cloudways.Changes;
using ModelContextProtocol;
using ModelContextProtocol.Server;

namespace Bastion.Providers.Cloudways.Maintenance;

/// <summary>Disk clean-up and permission resets (destructive: files are deleted or re-owned; the pipeline asks first).</summary>
[McpServerToolType]
[Toolset("cloudways", Scopes.PlatformManage)]
internal sealed class CloudwaysMaintenanceTools(CloudwaysChanges changes)
{
    /// <summary>What disk_cleanup may do (Cloudways' field names, each sent as yes or no).</summary>
    public static readonly string[] CleanupSteps = ["remove_app_tmp", "remove_app_private_html", "rotate_system_log", "rotate_app_log", "remove_app_local_backup"];

    private static readonly string[] SafeSteps = ["remove_app_tmp", "rotate_system_log", "rotate_app_log"];

    [UnconditionalSuppressMessage("Trimming", "IL2026:RequiresUnreferencedCode", Justification = "[MaxLength] gives the array parameter its maxItems; the value is a string[], which MaxLengthAttribute counts through ICollection, never through reflection.")]
    [McpServerTool(Name = "cloudways_maintenance", Title = "Cloudways disk clean-up, permission reset", ReadOnly = false, Destructive = true, Idempotent = false, OpenWorld = true, UseStructuredContent = true)]
    [Description("disk_cleanup frees server disk (waits for it); reset_permissions resets an app's file ownership (app_id, owner).")]
    public Task<ChangeResult> RunAsync(
        [Description("Cloudways server id.")][Range(1, long.MaxValue)] long server_id,
        [Description("disk_cleanup or reset_permissions.")] MaintenanceAction action,
        [Description("reset_permissions: the app id.")][Range(1, long.MaxValue)] long? app_id = null,
        [Description("reset_permissions: sys_user (default) or master_user.")][StringLength(16)] string? owner = null,
        [Description("disk_cleanup steps: remove_app_tmp, remove_app_private_html, rotate_system_log, rotate_app_log, remove_app_local_backup.")][MaxLength(5)] string[]? cleanup = null,
        IProgress<ProgressNotificationValue>? progress = null,
        CancellationToken cancellationToken = default) =>
        changes.RunAsync(Build(server_id, action, app_id, owner, cleanup), wait: true, progress.AsSteps(), cancellationToken);

    /// <summary>The Cloudways call for <paramref name="action"/>.</summary>
    /// <exception cref="BastionException">A field is missing, unknown, or does not belong to the action.</exception>
    public static ChangeRequest Build(long serverId, MaintenanceAction action, long? appId, string? owner, IReadOnlyList<string>? cleanup)
    {
        if (action == MaintenanceAction.DiskCleanup)
        {
            ActionArgs.Unused(appId, "app_id", "disk_cleanup");
            ActionArgs.Unused(owner, "owner", "disk_cleanup");
            var steps = cleanup ?? SafeSteps;
            if (steps.FirstOrDefault(s => !CleanupSteps.Contains(s)) is { } unknown)
            {
                throw new BastionException($"cleanup step '{unknown}' is not one of {string.Join(", ", CleanupSteps)}.");
            }

            return ChangeRequest.Post("disk_cleanup", "/server/disk/cleanup", serverId, null, $"disk clean-up of server {serverId}",
                [.. CleanupSteps.Select(s => CloudwaysClient.Field(s, steps.Contains(s) ? "yes" : "no"))]);
        }

        ActionArgs.Unused(cleanup, "cleanup", "reset_permissions");
        var app = ActionArgs.NeedApp(appId, "reset_permissions");
        var ownership = owner?.Trim() ?? "sys_user";
        if (ownership is not ("sys_user" or "master_user"))
        {
            throw new BastionException($"owner '{owner}' is not sys_user or master_user.");
        }

        return ChangeRequest.Post("reset_permissions", "/app/manage/reset_permissions", serverId, app, $"permission reset of app {app}", CloudwaysClient.Field("ownership", ownership));
    }
}
