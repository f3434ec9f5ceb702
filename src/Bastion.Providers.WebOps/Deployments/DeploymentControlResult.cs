using System.ComponentModel;
using System.Text.Json.Serialization;
using Bastion.Providers.WebOps.Security;
using Bastion.Providers.WebOps.Services;

namespace Bastion.Providers.WebOps.Deployments;

/// <summary>Result of webops_deployment_control: the action done, and its outcome under the action's kind (only that one property is present).</summary>
internal sealed record DeploymentControlResult(
    [property: Description("The action done: deploy, start, stop, restart, delete or scan.")] string Action)
{
    /// <summary>The deploy's outcome.</summary>
    [Description("action=deploy: the outcome and the newest log entries. Source: WebOps POST /api/deployments/create/, then GET /api/deployments/{name}/ and its /logs/ while waiting.")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public DeployResult? Deploy { get; init; }

    /// <summary>The start, stop or restart's outcome.</summary>
    [Description("action=start, stop or restart: WebOps's message, the status, process and new log entries. WebOps's start only marks the record running; notes say when no process runs (restart starts it). Source: WebOps POST /api/deployments/{name}/start|stop|restart/.")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public ServiceActionResult? Service { get; init; }

    /// <summary>The deletion's outcome.</summary>
    [Description("action=delete: WebOps's message and whether the deployment is gone. Source: WebOps DELETE /api/deployments/{name}/delete/.")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public DeleteResult? Delete { get; init; }

    /// <summary>The scan WebOps recorded.</summary>
    [Description("action=scan: the scan's id and WebOps's answer; totals via webops_status resource=security. Source: WebOps POST /compliance/api/scan-now/.")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public ScanResult? Scan { get; init; }
}
