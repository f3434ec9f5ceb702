namespace Bastion.Providers.Cloudways.Servers;

/// <summary>What cloudways_server_change does to a server (each destructive: the pipeline asks first).</summary>
internal enum ServerAction
{
    /// <summary>Stop the server: all its sites go offline (<c>POST /server/stop</c>).</summary>
    Stop,

    /// <summary>Restart the server: its sites are offline meanwhile (<c>POST /server/restart</c>).</summary>
    Restart,

    /// <summary>Start one service (<c>POST /service/state</c>, state start).</summary>
    ServiceStart,

    /// <summary>Stop one service: what depends on it fails until it is started.</summary>
    ServiceStop,

    /// <summary>Restart one service.</summary>
    ServiceRestart,

    /// <summary>Turn Varnish on for the server (<c>POST /service/varnish</c>, action enable).</summary>
    VarnishEnable,

    /// <summary>Turn Varnish off for the server.</summary>
    VarnishDisable,

    /// <summary>Purge the server's Varnish cache (<c>POST /service/varnish</c>, action purge).</summary>
    VarnishPurge,

    /// <summary>Take a backup of the server now (<c>POST /server/manage/backup</c>).</summary>
    Backup,

    /// <summary>Allow more IPs over SSH/SFTP (<c>POST /security/whitelisted</c>, tab sftp).</summary>
    SftpWhitelistAdd,

    /// <summary>Take IPs off the SSH/SFTP whitelist: they lose access.</summary>
    SftpWhitelistRemove,

    /// <summary>Allow more IPs to reach MySQL (<c>POST /security/whitelisted</c>, tab mysql).</summary>
    MysqlWhitelistAdd,

    /// <summary>Take IPs off the MySQL whitelist: they lose access.</summary>
    MysqlWhitelistRemove,

    /// <summary>Free disk space (<c>POST /server/disk/cleanup</c>), an operation.</summary>
    DiskCleanup,

    /// <summary>Write server-wide settings (<c>POST /server/manage/settings</c>).</summary>
    Settings,
}
