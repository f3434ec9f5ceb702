using System.Text.Json.Serialization;

namespace Bastion.Providers.Cloudways.Backups;

/// <summary>A backup action of cloudways_server_change (take) or cloudways_app_change.</summary>
internal enum BackupAction
{
    /// <summary>Take a backup now: of the server (<c>POST /server/manage/backup</c>) or of one app (<c>POST /app/manage/takeBackup</c>).</summary>
    [JsonStringEnumMemberName("take")]
    Take,

    /// <summary>Restore an app from a backup point (<c>POST /app/manage/restore</c>, field time): its files and database are replaced.</summary>
    [JsonStringEnumMemberName("restore")]
    Restore,

    /// <summary>Undo the app's last restore (<c>POST /app/manage/rollback</c>).</summary>
    [JsonStringEnumMemberName("rollback")]
    Rollback,
}
