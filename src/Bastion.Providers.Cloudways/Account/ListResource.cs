namespace Bastion.Providers.Cloudways.Account;

/// <summary>What cloudways_list reads: the account's lists, Cloudways' catalogues, or one operation.</summary>
internal enum ListResource
{
    /// <summary>The account's servers with their apps (<c>GET /server</c>).</summary>
    Servers,

    /// <summary>The account's projects (<c>GET /project</c>).</summary>
    Projects,

    /// <summary>The team's members (<c>GET /member</c>).</summary>
    Team,

    /// <summary>CloudwaysBot alerts (<c>GET /alerts/</c>).</summary>
    Alerts,

    /// <summary>Cloud providers (<c>GET /providers</c>).</summary>
    Providers,

    /// <summary>Regions per provider (<c>GET /regions</c>).</summary>
    Regions,

    /// <summary>Server sizes per provider (<c>GET /server_sizes</c>).</summary>
    ServerSizes,

    /// <summary>Installable applications and versions (<c>GET /apps</c>).</summary>
    Apps,

    /// <summary>Packages and versions (PHP, MySQL…) (<c>GET /packages</c>).</summary>
    Packages,

    /// <summary>Periods the monitoring graphs take (<c>GET /monitor_durations</c>).</summary>
    MonitorDurations,

    /// <summary>Metrics the monitoring graphs take, per provider (<c>GET /monitor_targets</c>).</summary>
    MonitorTargets,

    /// <summary>One operation's state (<c>GET /operation/{id}</c>).</summary>
    Operation,
}
