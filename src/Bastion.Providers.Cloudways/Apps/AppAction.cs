namespace Bastion.Providers.Cloudways.Apps;

/// <summary>What cloudways_app_change does to an app (each destructive: the pipeline asks first).</summary>
internal enum AppAction
{
    /// <summary>Purge the app's cache (<c>POST /app/cache/purge</c>).</summary>
    CachePurge,

    /// <summary>Turn Varnish on for the app (<c>POST /service/appVarnish</c>, action enable).</summary>
    VarnishEnable,

    /// <summary>Turn Varnish off for the app.</summary>
    VarnishDisable,

    /// <summary>Take a backup of the app now (<c>POST /app/manage/takeBackup</c>).</summary>
    Backup,

    /// <summary>Restore the app from a backup point (<c>POST /app/manage/restore</c>): its files and database are replaced.</summary>
    Restore,

    /// <summary>Undo the app's last restore (<c>POST /app/manage/rollback</c>).</summary>
    Rollback,

    /// <summary>Install a Let's Encrypt certificate (<c>POST /security/lets_encrypt_install</c>).</summary>
    LeInstall,

    /// <summary>Renew it now (<c>POST /security/lets_encrypt_manual_renew</c>).</summary>
    LeRenew,

    /// <summary>Turn automatic renewal on or off (<c>POST /security/lets_encrypt_auto</c>).</summary>
    LeAutoRenew,

    /// <summary>Revoke it (<c>POST /security/lets_encrypt_revoke</c>): the site loses HTTPS.</summary>
    LeRevoke,

    /// <summary>Install an own certificate (<c>POST /security/own_ssl</c>).</summary>
    CustomInstall,

    /// <summary>Remove the own certificate (<c>DELETE /security/removeCustomSSL</c>).</summary>
    CustomRemove,

    /// <summary>Set the app's primary domain (<c>POST /app/manage/cname</c>).</summary>
    CnameUpdate,

    /// <summary>Remove it (<c>DELETE /app/manage/cname</c>).</summary>
    CnameDelete,

    /// <summary>Redirect HTTP to HTTPS (<c>POST /app/manage/enforce_https</c>, status enable).</summary>
    HttpsOn,

    /// <summary>Stop redirecting (status disable).</summary>
    HttpsOff,

    /// <summary>Create the app's git deploy key (<c>POST /git/generateKey</c>).</summary>
    GitKey,

    /// <summary>Clone a repository into the app and deploy it (<c>POST /git/clone</c>), overwriting deploy_path.</summary>
    GitClone,

    /// <summary>Pull and deploy the latest commits (<c>POST /git/pull</c>), overwriting deploy_path.</summary>
    GitPull,

    /// <summary>Reset the app's file ownership and permissions (<c>POST /app/manage/reset_permissions</c>).</summary>
    ResetPermissions,

    /// <summary>Write the app's PHP-FPM pool (<c>POST /app/manage/fpm_setting</c>), then read it back.</summary>
    Fpm,

    /// <summary>Write the app's Varnish exclusion rules (<c>POST /app/manage/varnish_setting</c>), then read them back.</summary>
    VarnishExclude,
}
