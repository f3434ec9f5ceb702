namespace Bastion.Providers.Cloudways.Discovery;

/// <summary>Cloudways' lists of what can be created or measured.</summary>
internal enum DiscoveryList
{
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
}
