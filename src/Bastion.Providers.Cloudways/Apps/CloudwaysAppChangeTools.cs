using System.ComponentModel;
using System.ComponentModel.DataAnnotations;
using System.Diagnostics.CodeAnalysis;
using Bastion.Core.Policy;
using Bastion.Tools;
using Bastion.Providers.Cloudways.Backups;
using Bastion.Providers.Cloudways.Changes;
using Bastion.Providers.Cloudways.Domains;
using Bastion.Providers.Cloudways.Git;
using Bastion.Providers.Cloudways.Maintenance;
using Bastion.Providers.Cloudways.Services;
using Bastion.Providers.Cloudways.Settings;
using Bastion.Providers.Cloudways.Ssl;
using ModelContextProtocol;
using ModelContextProtocol.Server;

namespace Bastion.Providers.Cloudways.Apps;

/// <summary>
/// Changing a Cloudways app: cache, backups, certificates, domain, git deployment, permissions and settings. Every
/// action is destructive (a restore or deploy overwrites the app, a revoke takes HTTPS away, settings are overwritten),
/// so the pipeline asks first for each; a POST is sent once and never retried.
/// </summary>
[McpServerToolType]
[Toolset("cloudways", Scopes.PlatformManage)]
internal sealed class CloudwaysAppChangeTools(
    CloudwaysServices services, CloudwaysBackups backups, CloudwaysSsl ssl, CloudwaysGit git, CloudwaysSettings settingsService, CloudwaysChanges changes)
{
    private static readonly AppAction[] Certificates = [AppAction.LeInstall, AppAction.LeRenew, AppAction.LeRevoke];
    private static readonly AppAction[] Deploys = [AppAction.GitClone, AppAction.GitPull];

    /// <summary>Which actions take and need each optional parameter; checked before anyone is asked (<see cref="AppChangeCheckAttribute"/>) and again here.</summary>
    internal static readonly ParameterUse<AppAction> Use = new ParameterUse<AppAction>(
        "action",
        ("time", [AppAction.Restore]),
        ("email", [AppAction.LeInstall]),
        ("domains", Certificates),
        ("wildcard", Certificates),
        ("enabled", [AppAction.LeAutoRenew]),
        ("certificate", [AppAction.CustomInstall]),
        ("private_key", [AppAction.CustomInstall]),
        ("cname", [AppAction.CnameUpdate]),
        ("git_url", [AppAction.GitClone]),
        ("branch", Deploys),
        ("deploy_path", Deploys),
        ("owner", [AppAction.ResetPermissions]),
        ("fpm", [AppAction.Fpm]),
        ("varnish_exclude", [AppAction.VarnishExclude]),
        ("wait", [AppAction.Backup, AppAction.Restore, AppAction.Rollback, .. Certificates, AppAction.LeAutoRenew, AppAction.CustomInstall, AppAction.CustomRemove, AppAction.GitKey, .. Deploys]))
        .Needs("time", [AppAction.Restore], CloudwaysBackups.TimeAccepted)
        .Needs("email", [AppAction.LeInstall], CloudwaysSsl.EmailAccepted)
        .Needs("domains", Certificates, CloudwaysSsl.DomainsAccepted)
        .Needs("enabled", [AppAction.LeAutoRenew], "true to renew automatically, false to stop")
        .Needs("certificate", [AppAction.CustomInstall], CloudwaysSsl.CertificateAccepted)
        .Needs("private_key", [AppAction.CustomInstall], CloudwaysSsl.PrivateKeyAccepted)
        .Needs("cname", [AppAction.CnameUpdate], DomainChange.CnameAccepted)
        .Needs("git_url", [AppAction.GitClone], CloudwaysGit.GitUrlAccepted)
        .Needs("branch", Deploys, CloudwaysGit.BranchAccepted);

    [AppChangeCheck]
    [UnconditionalSuppressMessage("Trimming", "IL2026:RequiresUnreferencedCode", Justification = "[MaxLength] gives the array parameters their maxItems; the values are string[], which MaxLengthAttribute counts through ICollection, never through reflection.")]
    [McpServerTool(Name = "cloudways_app_change", Title = "Change a Cloudways app", ReadOnly = false, Destructive = true, Idempotent = false, OpenWorld = true, UseStructuredContent = true)]
    [Description("Change a Cloudways app and wait for it.")]
    public Task<ChangeResult> ChangeAsync(
        [Description("Server id of the app.")][Range(1, long.MaxValue)] long server_id,
        [Description("Cloudways app id.")][Range(1, long.MaxValue)] long app_id,
        AppAction action,
        [Description("restore: backup time (cloudways_app backups).")][StringLength(200)] string? time = null,
        [Description("le_install: account email.")][StringLength(254)] string? email = null,
        [Description("le_install/renew/revoke: domains.")][MaxLength(20)] string[]? domains = null,
        [Description("le_install/renew/revoke: wildcard.")] bool? wildcard = null,
        [Description("le_auto_renew: on/off.")] bool? enabled = null,
        [Description("custom_install: PEM certificate.")][StringLength(65536)] string? certificate = null,
        [Description("custom_install: PEM private key.")][StringLength(65536)] string? private_key = null,
        [Description("cname_update: domain.")][StringLength(253)] string? cname = null,
        [Description("git_clone: SSH URL.")][StringLength(500)] string? git_url = null,
        [Description("git_clone/pull: branch.")][StringLength(200)] string? branch = null,
        [Description("git_clone/pull: folder under public_html.")][StringLength(500)] string? deploy_path = null,
        [Description("reset_permissions: sys_user (default) or master_user.")][StringLength(200)] string? owner = null,
        [Description("fpm: whole pool text, php_value[name] = value lines.")][StringLength(8000)] string? fpm = null,
        [Description("varnish_exclude: all rules, url:PATH or cookie:NAME.")][MaxLength(50)] string[]? varnish_exclude = null,
        [Description("false returns at once.")] bool? wait = null,
        IProgress<ProgressNotificationValue>? progress = null,
        CancellationToken cancellationToken = default)
    {
        Use.Check(action, ("time", time), ("email", email), ("domains", domains), ("wildcard", wildcard), ("enabled", enabled), ("certificate", certificate), ("private_key", private_key),
            ("cname", cname), ("git_url", git_url), ("branch", branch), ("deploy_path", deploy_path), ("owner", owner), ("fpm", fpm), ("varnish_exclude", varnish_exclude), ("wait", wait));
        var steps = progress.AsSteps();
        var waits = wait ?? true;
        Task<ChangeResult> Certificate(SslAction run) =>
            ssl.RunAsync(server_id, app_id, run, new SslRequest(email, domains, wildcard ?? false, enabled, certificate, private_key), waits, steps, cancellationToken);
        Task<ChangeResult> Domain(DomainAction run) => changes.RunAsync(DomainChange.Build(server_id, app_id, run, cname), wait: true, steps, cancellationToken);
        Task<ChangeResult> Deploy(GitAction run) => git.DeployAsync(server_id, app_id, run, git_url, branch, deploy_path, waits, steps, cancellationToken);

        return action switch
        {
            AppAction.CachePurge => services.CacheAsync(server_id, app_id, CacheAction.AppPurge, steps, cancellationToken),
            AppAction.VarnishEnable => services.CacheAsync(server_id, app_id, CacheAction.VarnishEnable, steps, cancellationToken),
            AppAction.VarnishDisable => services.CacheAsync(server_id, app_id, CacheAction.VarnishDisable, steps, cancellationToken),
            AppAction.Backup => backups.ChangeAsync(server_id, app_id, BackupAction.Take, null, waits, steps, cancellationToken),
            AppAction.Restore => backups.ChangeAsync(server_id, app_id, BackupAction.Restore, time, waits, steps, cancellationToken),
            AppAction.Rollback => backups.ChangeAsync(server_id, app_id, BackupAction.Rollback, null, waits, steps, cancellationToken),
            AppAction.LeInstall => Certificate(SslAction.LeInstall),
            AppAction.LeRenew => Certificate(SslAction.LeRenew),
            AppAction.LeAutoRenew => Certificate(SslAction.LeAutoRenew),
            AppAction.LeRevoke => Certificate(SslAction.LeRevoke),
            AppAction.CustomInstall => Certificate(SslAction.CustomInstall),
            AppAction.CustomRemove => Certificate(SslAction.CustomRemove),
            AppAction.CnameUpdate => Domain(DomainAction.CnameUpdate),
            AppAction.CnameDelete => Domain(DomainAction.CnameDelete),
            AppAction.HttpsOn => Domain(DomainAction.HttpsOn),
            AppAction.HttpsOff => Domain(DomainAction.HttpsOff),
            AppAction.GitKey => Deploy(GitAction.GenerateKey),
            AppAction.GitClone => Deploy(GitAction.Clone),
            AppAction.GitPull => Deploy(GitAction.Pull),
            AppAction.ResetPermissions => changes.RunAsync(MaintenanceChange.Build(server_id, MaintenanceAction.ResetPermissions, app_id, owner, null), wait: true, steps, cancellationToken),
            AppAction.Fpm => settingsService.ChangeAsync(server_id, SettingsTarget.AppFpm, app_id, null, fpm, null, steps, cancellationToken),
            _ => settingsService.ChangeAsync(server_id, SettingsTarget.AppVarnish, app_id, null, null, varnish_exclude, steps, cancellationToken),
        };
    }
}
