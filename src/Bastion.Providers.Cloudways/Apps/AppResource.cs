namespace Bastion.Providers.Cloudways.Apps;

/// <summary>What cloudways_app reads of one app.</summary>
internal enum AppResource
{
    /// <summary>Type and version, domains, system user, database, project, web root (<c>GET /server</c>).</summary>
    Details,

    /// <summary>PHP-FPM pool and Varnish settings (<c>GET /app/manage/fpm_setting</c>, <c>/app/manage/varnish_setting</c>).</summary>
    Settings,

    /// <summary>Bandwidth series (<c>GET /app/monitor/summary</c>, type bw).</summary>
    Bandwidth,

    /// <summary>Disk size series (<c>GET /app/monitor/summary</c>, type db).</summary>
    Disk,

    /// <summary>Files and database sizes (<c>GET /app/monitor/summary</c>, type summary).</summary>
    Sizes,

    /// <summary>Traffic analytics: top IPs, bots, URLs or statuses (<c>GET /app/analytics/traffic</c>).</summary>
    Traffic,

    /// <summary>PHP analytics: slow pages, URL durations, processes (<c>GET /app/analytics/php</c>).</summary>
    Php,

    /// <summary>MySQL analytics: slow or running queries (<c>GET /app/analytics/mysql</c>).</summary>
    Mysql,

    /// <summary>The app's cron jobs (<c>GET /app/analytics/cron</c>).</summary>
    Cron,

    /// <summary>Backup points and status (<c>GET /app/manage/backup</c>).</summary>
    Backups,

    /// <summary>Past git deployments (<c>GET /git/history</c>).</summary>
    GitHistory,

    /// <summary>A repository's branches (<c>GET /git/branchNames</c>).</summary>
    GitBranches,

    /// <summary>The app's public deploy key (<c>GET /git/key</c>).</summary>
    GitKey,
}
