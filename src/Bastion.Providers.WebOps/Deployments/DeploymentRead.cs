using System.ComponentModel;
using System.Text.Json.Serialization;
using Bastion.Providers.WebOps.Logs;
using Bastion.Providers.WebOps.Status;

namespace Bastion.Providers.WebOps.Deployments;

/// <summary>Result of webops_deployment: the resource read, under its own name (only that one property is present).</summary>
internal sealed record DeploymentRead(
    [property: Description("The resource read: list, record, status or logs.")] string Resource)
{
    /// <summary>The deployments.</summary>
    [Description("resource=list: apps deployed on WebOps, newest first; their names are what the other webops_ tools take. Source: WebOps GET /api/deployments/.")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public DeploymentList? List { get; init; }

    /// <summary>One deployment's record.</summary>
    [Description("resource=record: one deployment's record, ENVIRONMENT and the names (not values) of its variables. Source: WebOps GET /api/deployments/{name}/.")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public DeploymentDetail? Record { get; init; }

    /// <summary>One deployment now.</summary>
    [Description("resource=status: recorded status, its process (pid, CPU percent, memory bytes, uptime, restarts) and the newest log entries; notes flag a record that disagrees with the process. Sources: WebOps GET /api/deployments/{name}/, its /logs/, /monitoring/api/service/{id}/status/.")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public DeploymentStatus? Status { get; init; }

    /// <summary>One deployment's log.</summary>
    [Description("resource=logs: WebOps's own log of the app (clone, build, start, stop, errors), newest matching entries, oldest first; not the app's stdout (read those with logs_tail if the server is in the inventory). Source: WebOps GET /api/deployments/{name}/logs/.")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public LogList? Logs { get; init; }
}
