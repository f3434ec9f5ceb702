using System.ComponentModel;
using Bastion.Providers.Cloudways.Api;
using Bastion.Providers.Cloudways.Monitoring;

namespace Bastion.Providers.Cloudways.Apps;

/// <summary>Result of cloudways_app: the part that fits <see cref="Resource"/> is set, the others are null.</summary>
internal sealed record AppInfo(
    [property: Description("The resource read.")] AppResource Resource,
    [property: Description("details: the app.")] CloudwaysApp? Details,
    [property: Description("settings: PHP-FPM pool and Varnish settings.")] AppSettings? Settings,
    [property: Description("bandwidth, disk, sizes: the app's series, or sizes in raw.")] MonitorSummary? Summary,
    [property: Description("traffic, php, mysql, cron, backups, git_*: Cloudways' answer as it came.")] CloudwaysData? Data);
