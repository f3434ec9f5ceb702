namespace Bastion.Providers.Cloudways.Monitoring;

/// <summary>Which app analytics to read (<c>GET /app/analytics/{kind}</c>).</summary>
internal enum AnalyticsKind
{
    /// <summary>Web traffic: top IPs, bots, URLs or status codes.</summary>
    Traffic,

    /// <summary>PHP: slow pages, URL durations, processes.</summary>
    Php,

    /// <summary>MySQL: running and slow queries.</summary>
    Mysql,

    /// <summary>The app's cron jobs.</summary>
    Cron,
}
