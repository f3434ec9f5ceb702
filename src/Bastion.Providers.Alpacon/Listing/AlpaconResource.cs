namespace Bastion.Providers.Alpacon.Listing;

/// <summary>What <c>alpacon_list</c> reads: a family of Alpacon objects of a workspace or one server, a recorded metric, or what the agent reported (<c>/api/proc/</c>).</summary>
internal enum AlpaconResource
{
    /// <summary>Servers with connection state, OS, load and their Bastion host names (<c>/api/servers/servers/</c>).</summary>
    Servers,

    /// <summary>Servers ranked by a metric over Alpacon's last 24 hours (<c>/api/metrics/realtime/*/top/</c>).</summary>
    Top,

    /// <summary>The event log, newest first (<c>/api/events/events/</c>).</summary>
    Events,

    /// <summary>Command history, newest first, or one command by id (<c>/api/events/commands/</c>).</summary>
    Commands,

    /// <summary>Notes people wrote on one server (<c>/api/servers/notes/</c>).</summary>
    Notes,

    /// <summary>Fired alerts (<c>/api/alerts/</c>).</summary>
    Alerts,

    /// <summary>Alert rules (<c>/api/metrics/alert-rules/</c>).</summary>
    AlertRules,

    /// <summary>IAM users, or one by id (<c>/api/iam/users/</c>).</summary>
    IamUsers,

    /// <summary>IAM groups, or one by id (<c>/api/iam/groups/</c>).</summary>
    IamGroups,

    /// <summary>A metric Alpacon recorded for one server over a range, summarised (<c>/api/metrics/realtime/*/</c>).</summary>
    Metrics,

    /// <summary>Agent report: hardware and kernel (<c>/api/proc/info/</c>).</summary>
    System,

    /// <summary>Agent report: operating system name and version (<c>/api/proc/os/</c>).</summary>
    Os,

    /// <summary>Agent report: OS user accounts (<c>/api/proc/users/</c>).</summary>
    OsUsers,

    /// <summary>Agent report: OS groups (<c>/api/proc/groups/</c>).</summary>
    OsGroups,

    /// <summary>Agent report: installed system packages (<c>/api/proc/packages/</c>).</summary>
    Packages,

    /// <summary>Agent report: network interfaces and addresses (<c>/api/proc/interfaces/</c>).</summary>
    Interfaces,

    /// <summary>Agent report: disks (<c>/api/proc/disks/</c>).</summary>
    Disks,

    /// <summary>Agent report: partitions and mount points (<c>/api/proc/partitions/</c>).</summary>
    Partitions,

    /// <summary>Agent report: the server's clock, time zone and uptime (<c>/api/proc/time/</c>).</summary>
    Time,
}
