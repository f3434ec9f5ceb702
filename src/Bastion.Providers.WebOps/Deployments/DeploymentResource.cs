namespace Bastion.Providers.WebOps.Deployments;

/// <summary>What webops_deployment reads (its <c>resource</c> argument), with the WebOps routes behind each.</summary>
internal enum DeploymentResource
{
    /// <summary>The deployments, newest first: GET /api/deployments/.</summary>
    List,

    /// <summary>One deployment's record: GET /api/deployments/{name}/.</summary>
    Record,

    /// <summary>One deployment now: its record, process (/monitoring/api/service/{id}/status/) and newest log entries.</summary>
    Status,

    /// <summary>One deployment's log, filtered: GET /api/deployments/{name}/logs/.</summary>
    Logs,
}
