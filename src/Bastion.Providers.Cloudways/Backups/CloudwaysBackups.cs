using Bastion.Core;
using Bastion.Core.Progress;
using Bastion.Providers.Cloudways.Api;
using Bastion.Providers.Cloudways.Changes;
using Bastion.Providers.Cloudways.Operations;

namespace Bastion.Providers.Cloudways.Backups;

/// <summary>
/// Server and app backups. Sources: <c>GET /app/manage/backup</c> (server_id, app_id; Cloudways answers with an
/// operation whose result lists the backup points), <c>POST /server/manage/backup</c> (server_id),
/// <c>POST /app/manage/takeBackup</c>, <c>/app/manage/restore</c> (server_id, app_id, time) and
/// <c>/app/manage/rollback</c> (server_id, app_id), each an operation.
/// </summary>
internal sealed class CloudwaysBackups(CloudwaysClient client, CloudwaysOperations operations, CloudwaysChanges changes)
{
    /// <summary>What restore's time accepts, for the error when it has none.</summary>
    public const string TimeAccepted = "a backup point as cloudways_app resource backups lists it, e.g. 2026-12-05 02:00:00";

    /// <summary>The app's backup points (and what else Cloudways reports about them), waited for with progress.</summary>
    /// <exception cref="PlatformException">Cloudways refused the call, or the operation failed.</exception>
    public async Task<CloudwaysData> ListAsync(long serverId, long appId, int limit, IProgress<StepProgress>? progress, CancellationToken cancellationToken)
    {
        var answer = await client.GetAsync("/app/manage/backup", cancellationToken, CloudwaysClient.Field("server_id", serverId), CloudwaysClient.Field("app_id", appId));
        var data = await operations.ResultAsync(answer, $"backup status of app {appId}", progress, cancellationToken);
        return CloudwaysData.Of("GET /app/manage/backup", data, limit);
    }

    /// <summary>Takes, restores or rolls back a backup.</summary>
    /// <exception cref="BastionException">A field the action needs is missing (which action takes which field is cloudways_app_change's ParameterUse table).</exception>
    /// <exception cref="PlatformException">Cloudways refused it, or the operation failed.</exception>
    public Task<ChangeResult> ChangeAsync(long serverId, long? appId, BackupAction action, string? time, bool wait, IProgress<StepProgress>? progress, CancellationToken cancellationToken)
    {
        var name = action == BackupAction.Take ? "backup" : action.ToString().ToLowerInvariant();

        var request = action switch
        {
            BackupAction.Take when appId is { } app => ChangeRequest.Post(name, "/app/manage/takeBackup", serverId, app, $"backup of app {app}"),
            BackupAction.Take => ChangeRequest.Post(name, "/server/manage/backup", serverId, null, $"backup of server {serverId}"),
            BackupAction.Restore => ChangeRequest.Post(
                name,
                "/app/manage/restore",
                serverId,
                ActionArgs.NeedApp(appId, name),
                $"restore of app {appId}",
                CloudwaysClient.Field("time", ActionArgs.Need(time, "time", name, TimeAccepted))),
            _ => ChangeRequest.Post(name, "/app/manage/rollback", serverId, ActionArgs.NeedApp(appId, name), $"rollback of app {appId}'s restore"),
        };
        return changes.RunAsync(request, wait, progress, cancellationToken);
    }
}
