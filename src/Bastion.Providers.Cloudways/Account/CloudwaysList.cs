using System.ComponentModel;
using Bastion.Providers.Cloudways.Alerts;
using Bastion.Providers.Cloudways.Api;
using Bastion.Providers.Cloudways.Operations;
using Bastion.Providers.Cloudways.Servers;

namespace Bastion.Providers.Cloudways.Account;

/// <summary>Result of cloudways_list: the part named by <see cref="Resource"/> is set, the others are null.</summary>
internal sealed record CloudwaysList(
    [property: Description("The resource read: servers, projects, team, alerts, a catalogue name, or operation.")] ListResource Resource,
    [property: Description("servers: the account's servers with their apps.")] ServerList? Servers,
    [property: Description("projects: the account's projects.")] ProjectList? Projects,
    [property: Description("team: the team's members.")] TeamList? Team,
    [property: Description("alerts: CloudwaysBot alerts.")] AlertList? Alerts,
    [property: Description("providers, regions, server_sizes, apps, packages, monitor_durations, monitor_targets: Cloudways' list as it came.")] CloudwaysData? Catalogue,
    [property: Description("operation: the operation's state.")] CloudwaysOperation? Operation);
