using System.Text.Json.Serialization;

namespace Bastion.Providers.Cloudways.Maintenance;

/// <summary>A maintenance action: disk_cleanup of cloudways_server_change, reset_permissions of cloudways_app_change.</summary>
internal enum MaintenanceAction
{
    /// <summary>Free disk space on the server (<c>POST /server/disk/cleanup</c>), an operation.</summary>
    [JsonStringEnumMemberName("disk_cleanup")]
    DiskCleanup,

    /// <summary>Reset an app's file ownership and permissions (<c>POST /app/manage/reset_permissions</c>: ownership).</summary>
    [JsonStringEnumMemberName("reset_permissions")]
    ResetPermissions,
}
