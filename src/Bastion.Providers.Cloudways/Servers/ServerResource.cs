namespace Bastion.Providers.Cloudways.Servers;

/// <summary>What cloudways_server reads of one server.</summary>
internal enum ServerResource
{
    /// <summary>The server and its apps (<c>GET /server</c>).</summary>
    Details,

    /// <summary>Server-wide settings: PHP limits, timezone, MySQL and PHP versions (<c>GET /server/manage/settings</c>).</summary>
    Settings,

    /// <summary>Each service's state, with an app's Varnish state when app_id is given (<c>GET /service</c>).</summary>
    Services,

    /// <summary>IPs allowed over SSH/SFTP (<c>GET /security/whitelisted</c>).</summary>
    SftpWhitelist,

    /// <summary>IPs allowed to reach MySQL (<c>GET /security/whitelistedIpsMysql</c>).</summary>
    MysqlWhitelist,

    /// <summary>Disk usage per app and for the system, measured now (<c>GET /server/{id}/diskUsage</c>, an operation).</summary>
    DiskUsage,

    /// <summary>Resource usage analytics (<c>GET /server/analytics/serverUsage</c>, an operation).</summary>
    Usage,

    /// <summary>Per-app bandwidth series (<c>GET /server/monitor/summary</c>, type bw).</summary>
    Bandwidth,

    /// <summary>Per-app disk size series (<c>GET /server/monitor/summary</c>, type db).</summary>
    Disk,

    /// <summary>The graph of one metric over a period (<c>GET /server/monitor/detail</c>).</summary>
    Monitor,
}
