using System.ComponentModel;
using System.ComponentModel.DataAnnotations;
using System.Diagnostics.CodeAnalysis;
using Bastion.Core.Policy;
using Bastion.Tools;
using Bastion.Providers.Cloudways.Backups;
using Bastion.Providers.Cloudways.Changes;
using Bastion.Providers.Cloudways.Maintenance;
using Bastion.Providers.Cloudways.Operations;
using Bastion.Providers.Cloudways.Services;
using Bastion.Providers.Cloudways.Settings;
using Bastion.Providers.Cloudways.Whitelist;
using ModelContextProtocol;
using ModelContextProtocol.Server;

namespace Bastion.Providers.Cloudways.Servers;

/// <summary>
/// Changing a Cloudways server: power, services, Varnish, backups, whitelists, disk clean-up and settings. Every action
/// is destructive (sites go offline, caches empty, IPs lose access, files are deleted, settings overwritten), so the
/// pipeline asks first for each; a POST is sent once and never retried.
/// </summary>
[McpServerToolType]
[Toolset("cloudways", Scopes.PlatformManage)]
internal sealed class CloudwaysServerChangeTools(
    CloudwaysPower power, CloudwaysServices services, CloudwaysBackups backups, CloudwaysWhitelists whitelists, CloudwaysSettings settingsService, CloudwaysChanges changes)
{
    private static readonly ServerAction[] ServiceActions = [ServerAction.ServiceStart, ServerAction.ServiceStop, ServerAction.ServiceRestart];
    private static readonly ServerAction[] WhitelistActions = [ServerAction.SftpWhitelistAdd, ServerAction.SftpWhitelistRemove, ServerAction.MysqlWhitelistAdd, ServerAction.MysqlWhitelistRemove];

    /// <summary>Which actions take and need each optional parameter; checked before anyone is asked (<see cref="ServerChangeCheckAttribute"/>) and again here.</summary>
    internal static readonly ParameterUse<ServerAction> Use = new ParameterUse<ServerAction>(
        "action",
        ("service", ServiceActions),
        ("ips", WhitelistActions),
        ("cleanup", [ServerAction.DiskCleanup]),
        ("settings", [ServerAction.Settings]),
        ("wait", [ServerAction.Stop, ServerAction.Restart, ServerAction.Backup]))
        .Needs("service", ServiceActions, "the service's name as cloudways_server resource services reports it, e.g. nginx, php-fpm, mysql")
        .Needs("ips", WhitelistActions, "IP addresses, e.g. [\"198.51.100.7\"]")
        .Needs("settings", [ServerAction.Settings], CloudwaysSettings.SettingsAccepted);

    [ServerChangeCheck]
    [UnconditionalSuppressMessage("Trimming", "IL2026:RequiresUnreferencedCode", Justification = "[MaxLength] gives the array parameters their maxItems; the values are string[], which MaxLengthAttribute counts through ICollection, never through reflection.")]
    [McpServerTool(Name = "cloudways_server_change", Title = "Change a Cloudways server", ReadOnly = false, Destructive = true, Idempotent = false, OpenWorld = true, UseStructuredContent = true)]
    [Description("Change a Cloudways server and wait for it.")]
    public async Task<ServerChangeResult> ChangeAsync(
        ServerAction action,
        [Description("Server id, or host.")][Range(1, long.MaxValue)] long? server_id = null,
        [Description("Bastion host name.")][StringLength(63)] string? host = null,
        [Description("service_*: e.g. nginx, mysql.")][StringLength(200)] string? service = null,
        [Description("*_whitelist_*: IPs.")][MaxLength(50)] string[]? ips = null,
        [Description("disk_cleanup: remove_app_tmp, rotate_system_log, rotate_app_log (default), remove_app_private_html, remove_app_local_backup.")][MaxLength(5)] string[]? cleanup = null,
        [Description("settings: name=value, e.g. memory_limit=512 (MB).")][MaxLength(22)] string[]? settings = null,
        [Description("stop, restart, backup: false returns at once.")] bool? wait = null,
        IProgress<ProgressNotificationValue>? progress = null,
        CancellationToken cancellationToken = default)
    {
        Use.Check(action, ("service", service), ("ips", ips), ("cleanup", cleanup), ("settings", settings), ("wait", wait));
        var id = power.ServerId(server_id, host);
        var steps = progress.AsSteps();
        Task<ChangeResult> Whitelist(WhitelistKind list, WhitelistAction change) => whitelists.ChangeAsync(id, list, change, Use.NeedList(action, "ips", ips), steps, cancellationToken);
        if (action is ServerAction.Stop or ServerAction.Restart)
        {
            var run = action == ServerAction.Stop ? PowerAction.Stop : PowerAction.Restart;
            return new ServerChangeResult(action, await power.RunAsync(run, id, host, wait ?? true, steps, cancellationToken), null);
        }

        var change = action switch
        {
            ServerAction.ServiceStart => services.ControlAsync(id, Use.Need(action, "service", service), ServiceAction.Start, steps, cancellationToken),
            ServerAction.ServiceStop => services.ControlAsync(id, Use.Need(action, "service", service), ServiceAction.Stop, steps, cancellationToken),
            ServerAction.ServiceRestart => services.ControlAsync(id, Use.Need(action, "service", service), ServiceAction.Restart, steps, cancellationToken),
            ServerAction.VarnishEnable => services.CacheAsync(id, null, CacheAction.VarnishEnable, steps, cancellationToken),
            ServerAction.VarnishDisable => services.CacheAsync(id, null, CacheAction.VarnishDisable, steps, cancellationToken),
            ServerAction.VarnishPurge => services.CacheAsync(id, null, CacheAction.VarnishPurge, steps, cancellationToken),
            ServerAction.Backup => backups.ChangeAsync(id, null, BackupAction.Take, null, wait ?? true, steps, cancellationToken),
            ServerAction.SftpWhitelistAdd => Whitelist(WhitelistKind.Sftp, WhitelistAction.Add),
            ServerAction.SftpWhitelistRemove => Whitelist(WhitelistKind.Sftp, WhitelistAction.Remove),
            ServerAction.MysqlWhitelistAdd => Whitelist(WhitelistKind.Mysql, WhitelistAction.Add),
            ServerAction.MysqlWhitelistRemove => Whitelist(WhitelistKind.Mysql, WhitelistAction.Remove),
            ServerAction.DiskCleanup => changes.RunAsync(MaintenanceChange.Build(id, MaintenanceAction.DiskCleanup, null, null, cleanup), wait: true, steps, cancellationToken),
            _ => settingsService.ChangeAsync(id, SettingsTarget.Server, null, settings, null, null, steps, cancellationToken),
        };
        return new ServerChangeResult(action, null, await change);
    }
}
