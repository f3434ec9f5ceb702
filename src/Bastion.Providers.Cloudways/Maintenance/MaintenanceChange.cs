using Bastion.Core;
using Bastion.Providers.Cloudways.Api;
using Bastion.Providers.Cloudways.Changes;

namespace Bastion.Providers.Cloudways.Maintenance;

/// <summary>A server's disk clean-up or an app's permission reset as a Cloudways call (actions of cloudways_server_change and cloudways_app_change).</summary>
internal static class MaintenanceChange
{
    /// <summary>What disk_cleanup may do (Cloudways' field names, each sent as yes or no).</summary>
    public static readonly string[] CleanupSteps = ["remove_app_tmp", "remove_app_private_html", "rotate_system_log", "rotate_app_log", "remove_app_local_backup"];

    private static readonly string[] SafeSteps = ["remove_app_tmp", "rotate_system_log", "rotate_app_log"];

    /// <summary>The Cloudways call for <paramref name="action"/>.</summary>
    /// <exception cref="BastionException">A field is missing or unknown (which action takes which field is the change tools' ParameterUse tables).</exception>
    public static ChangeRequest Build(long serverId, MaintenanceAction action, long? appId, string? owner, IReadOnlyList<string>? cleanup)
    {
        if (action == MaintenanceAction.DiskCleanup)
        {
            var steps = cleanup ?? SafeSteps;
            if (steps.FirstOrDefault(s => !CleanupSteps.Contains(s)) is { } unknown)
            {
                throw new BastionException($"cleanup step '{unknown}' is not one of {string.Join(", ", CleanupSteps)}.");
            }

            return ChangeRequest.Post("disk_cleanup", "/server/disk/cleanup", serverId, null, $"disk clean-up of server {serverId}",
                [.. CleanupSteps.Select(s => CloudwaysClient.Field(s, steps.Contains(s) ? "yes" : "no"))]);
        }

        var app = ActionArgs.NeedApp(appId, "reset_permissions");
        var ownership = owner?.Trim() ?? "sys_user";
        if (ownership is not ("sys_user" or "master_user"))
        {
            throw new BastionException($"owner '{owner}' is not sys_user or master_user.");
        }

        return ChangeRequest.Post("reset_permissions", "/app/manage/reset_permissions", serverId, app, $"permission reset of app {app}", CloudwaysClient.Field("ownership", ownership));
    }
}
